/* config.c — settings from a libconfig file, with built-in defaults.
 *
 * settings[] below is the only place a setting is named: its type, where it
 * lives in struct mp_config, its default and its help.  The loader walks
 * the file and looks every key up in that table (in the manner of tmux's
 * options-table.c and calcurse's confmap), so an unknown key is found and
 * reported instead of being silently ignored. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libconfig.h>

#include "mp_config.h"
#include "mp_i18n.h"
#include "mp_text.h"

enum set_type {
	SET_STRING,   /* char * in struct mp_config */
	SET_BOOL,     /* int in struct mp_config */
	SET_INT,      /* int in struct mp_config, from min to max */
	SET_LIST,     /* one of the choice lists */
	SET_GROUP     /* a group of further settings: name is the prefix */
};

struct setting {
	const char *name;            /* as written in the file, dotted for groups */
	enum set_type type;
	size_t offset;               /* SET_STRING, SET_BOOL */
	int choice;                  /* SET_LIST: enum mp_choice_id */
	const char *def;             /* SET_STRING, SET_BOOL ("0"/"1") */
	const char *const *def_list; /* SET_LIST: NULL-terminated */
	int may_be_empty;            /* SET_LIST: an empty list is meaningful */
	int min, max;                /* SET_INT: the values accepted */
	const char *help;            /* msgid */
};

static const char *const def_categories[] = {
	"公益慈善类", "生活服务类", "社区事务类", "文体活动类", "其他", NULL
};
static const char *const def_legal[] = { "未登记", "备案", "登记", NULL };
static const char *const def_kinds[] = { "普通", "枢纽型", "支持型", NULL };
static const char *const def_grades[] = {
	"无", "1A", "2A", "3A", "4A", "5A", NULL
};
static const char *const def_stages[] = {
	"萌芽期", "初创期", "成长期", "示范型", NULL
};
static const char *const def_observation[] = {
	"无", "县级", "市级", "省级", NULL
};
static const char *const def_group_states[] = {
	"活跃", "休眠", "注销", NULL
};
static const char *const def_yesno[] = { "否", "是", NULL };
static const char *const def_genders[] = { "男", "女", NULL };
static const char *const def_id_types[] = {
	"居民身份证", "港澳台居民居住证", "护照", "其他", NULL
};
static const char *const def_volunteer_states[] = {
	"在册", "暂停", "退出", NULL
};
static const char *const def_roles[] = { "负责人", "骨干", "成员", NULL };
static const char *const def_activity_types[] = {
	"志愿服务", "文体活动", "议事协商", "培训讲座", "走访慰问", "宣传倡导",
	"其他", NULL
};
static const char *const def_service_kinds[] = {
	"扶老助残", "关爱儿童", "社区治理", "文明实践", "环境保护", "应急救援",
	"文化体育", "其他", NULL
};
static const char *const def_training_modes[] = { "线下", "线上", NULL };
static const char *const def_visit_kinds[] = { "督导", "评估", "回访", NULL };
static const char *const def_ratings[] = { "优", "良", "中", "差", NULL };
/* issue 16 (branch projects): 公益创投 */
static const char *const def_round_kinds[] = { "公益创投", "微创投", NULL };
static const char *const def_round_levels[] = {
	"市级", "区级", "街道", "社区", NULL
};
static const char *const def_fund_sources[] = {
	"福彩公益金", "专项资金", "社区基金", "自治创投金", "其他", NULL
};
static const char *const def_project_categories[] = {
	"助老扶幼", "助残扶困", "社区治理", "文化体育", "环境保护", "其他", NULL
};
static const char *const def_criteria[] = {
	"需求契合", "在地性", "参与性", "可行性", "创新性", "可持续性",
	"预算合理性", NULL
};
static const char *const def_tranche_triggers[] = {
	"签订协议", "中期评估通过", "结项评估通过", NULL
};
static const char *const def_app_states[] = {
	"草稿", "已申报", "资格审查通过", "资格审查未通过", "已评审", "拟立项",
	"未立项", "公示中", "已签协议", "实施中", "已中期评估", "已结项评估",
	"已结项", "已终止", NULL
};
static const char *const def_paid_by[] = { "资助资金", "配套资金", NULL };
static const char *const def_sw_qualifications[] = {
	"无", "助理社会工作师", "社会工作师", "高级社会工作师", NULL
};
/* issue 16 (branch funding): evaluations */
static const char *const def_eval_kinds[] = { "中期评估", "结项评估", NULL };
/* issue 16 (branch review): what came of an objection to a public notice */
static const char *const def_objection_outcomes[] = {
	"处理中", "异议不成立", "异议成立", NULL
};
static const char *const def_incubated_kinds[] = { "孵化组织", "志愿服务队", NULL };
/* issue 17 (branch bases): incubation bases */
static const char *const def_base_levels[] = {
	"市级", "区级", "街道级", "社区级", NULL
};
static const char *const def_base_kinds[] = { "实体", "虚拟", NULL };
static const char *const def_stay_outcomes[] = {
	"已登记", "已备案", "仍未登记", "提前退出", NULL
};
static const char *const def_base_services[] = {
	"场地设备", "能力建设", "业务培训", "财务指导", "协助登记备案",
	"政策咨询", "资源链接", NULL
};
static const char *const def_none[] = { NULL };

#define STR(n, field, d, h) \
	{ n, SET_STRING, offsetof(mp_config, field), 0, d, NULL, 0, 0, 0, h }
#define BOOL(n, field, d, h) \
	{ n, SET_BOOL, offsetof(mp_config, field), 0, d, NULL, 0, 0, 0, h }
#define INT(n, field, d, lo, hi, h) \
	{ n, SET_INT, offsetof(mp_config, field), 0, d, NULL, 0, lo, hi, h }
#define LIST(n, id, d, empty, h) \
	{ n, SET_LIST, 0, id, NULL, d, empty, 0, 0, h }

static const struct setting settings[] = {
	STR("station", station, "",
	    N_("Name of the social-work station, shown in the title bar and on reports")),
	STR("township", township, "",
	    N_("Township (street) filled in for new groups")),
	STR("operator", operator_name, "",
	    N_("Who records: filled in as the recorder of new records")),
	STR("station_head", station_head, "",
	    N_("The station's person in charge, printed on certificates of service")),
	STR("station_phone", station_phone, "",
	    N_("The station's contact number, printed on certificates of service")),
	INT("due_soon_days", due_soon_days, "7", 1, 365,
	    N_("A supervision visit's follow-up counts as due soon this many days ahead (1 to 365)")),
	BOOL("colour", colour, "1",
	     N_("Use colour when the terminal has it (true or false)")),
	STR("backup_folder", backup_folder, "",
	    N_("Folder for the copies of the ledger (a USB stick, say); empty means the folder 苗圃备份 beside the ledger")),
	INT("backup_days", backup_days, "14", 1, 3650,
	    N_("How many daily copies of the ledger to keep (1 to 3650)")),
	/* issue 17 (branch bases) */
	STR("incubation_base", base_name, "",
	    N_("The station's incubation base: older ledgers' 孵化基地 field becomes a stay there (empty: 未命名基地)")),
	INT("stay_years", stay_years, "2", 1, 10,
	    N_("A group's planned move-out from an incubation base, in years after it moved in (1 to 10)")),
	LIST("communities", MP_CH_COMMUNITY, def_none, 1,
	     N_("Communities and villages the station serves; empty means typed freely")),
	/* issue 16 (branch review): the working days of a public notice */
	LIST("holidays", MP_CH_HOLIDAYS, def_none, 1,
	     N_("Public holidays miaopu does not know yet (it knows 2025 and 2026), as 2027-01-01")),
	LIST("workdays", MP_CH_WORKDAYS, def_none, 1,
	     N_("Weekend days worked in exchange for a holiday that miaopu does not know yet, as 2027-02-06")),
	{ "choices", SET_GROUP, 0, 0, NULL, NULL, 0, 0, 0,
	  N_("The choice lists of the forms") },
	LIST("choices.categories", MP_CH_CATEGORY, def_categories, 0,
	     N_("Categories of groups")),
	LIST("choices.kinds", MP_CH_KIND, def_kinds, 0,
	     N_("Kinds of groups")),
	LIST("choices.grades", MP_CH_GRADE, def_grades, 0,
	     N_("Evaluation grades")),
	LIST("choices.stages", MP_CH_STAGE, def_stages, 0,
	     N_("Stages of development")),
	LIST("choices.observation_points", MP_CH_OBSERVATION, def_observation, 0,
	     N_("Levels of observation point")),
	LIST("choices.group_states", MP_CH_GROUP_STATE, def_group_states, 0,
	     N_("States of a group")),
	LIST("choices.volunteer_states", MP_CH_VOL_STATE, def_volunteer_states, 0,
	     N_("States of a volunteer")),
	LIST("choices.roles", MP_CH_ROLE, def_roles, 0,
	     N_("Roles of a volunteer in a group")),
	LIST("choices.activity_types", MP_CH_ACTIVITY_TYPE, def_activity_types, 0,
	     N_("Types of activities")),
	LIST("choices.service_kinds", MP_CH_SERVICE_KIND, def_service_kinds, 0,
	     N_("Kinds of volunteer service")),
	LIST("choices.visit_kinds", MP_CH_VISIT_KIND, def_visit_kinds, 0,
	     N_("Kinds of supervision visits")),
	LIST("choices.ratings", MP_CH_RATING, def_ratings, 0,
	     N_("Ratings a supervision visit gives")),
	LIST("choices.round_levels", MP_CH_ROUND_LEVEL, def_round_levels, 0,
	     N_("Levels of a project funding round (公益创投)")),
	LIST("choices.fund_sources", MP_CH_FUND_SOURCE, def_fund_sources, 0,
	     N_("Where a funding round's money comes from")),
	LIST("choices.project_categories", MP_CH_PROJECT_CATEGORY, def_project_categories, 0,
	     N_("Categories of funded projects")),
	LIST("choices.criteria", MP_CH_CRITERION, def_criteria, 0,
	     N_("Criteria the experts score applications on")),
	LIST("choices.base_levels", MP_CH_BASE_LEVEL, def_base_levels, 0,
	     N_("Levels of incubation bases")),
	LIST("choices.base_services", MP_CH_BASE_SERVICE, def_base_services, 0,
	     N_("Kinds of service an incubation base gives its groups")),
	LIST("choices.qualifications", MP_CH_SW_QUALIFICATION, def_sw_qualifications, 0,
	     N_("Social-work qualifications of a project's team")),
};

#define NSETTINGS (sizeof settings / sizeof settings[0])

/* ---- string lists ---- */

void mp_strlist_add(mp_strlist *l, const char *s)
{
	/* Kept NULL-terminated, so v[n] == NULL. */
	char **v = realloc(l->v, ((size_t)l->n + 2) * sizeof *v);

	if (!v)
		mp_oom();
	v[l->n] = mp_strdup(s);
	v[l->n + 1] = NULL;
	l->v = v;
	l->n++;
}

void mp_strlist_free(mp_strlist *l)
{
	int i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int mp_strlist_find(const mp_strlist *l, const char *s)
{
	int i;

	if (!l || !s)
		return -1;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return i;
	return -1;
}

static void strlist_set(mp_strlist *l, const char *const *v)
{
	mp_strlist_free(l);
	for (; *v; v++)
		mp_strlist_add(l, *v);
}

/* ---- defaults ---- */

static char **str_field(mp_config *c, const struct setting *t)
{
	return (char **)(void *)((char *)c + t->offset);
}

static int *int_field(mp_config *c, const struct setting *t)
{
	return (int *)(void *)((char *)c + t->offset);
}

void mp_config_defaults(mp_config *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < NSETTINGS; i++) {
		const struct setting *t = &settings[i];

		switch (t->type) {
		case SET_STRING:
			*str_field(c, t) = mp_strdup(t->def);
			break;
		case SET_BOOL:
			*int_field(c, t) = strcmp(t->def, "0") != 0;
			break;
		case SET_INT:
			*int_field(c, t) = atoi(t->def);
			break;
		case SET_LIST:
			strlist_set(&c->choices[t->choice], t->def_list);
			break;
		case SET_GROUP:
			break;
		}
	}
	/* Fixed lists: the legal status drives the USCC rule, yes/no is
	 * yes/no, the ID type decides whether the resident ID check applies,
	 * gender is 男 or 女, and a training held 线上 needs no place.  None
	 * can be changed from the file. */
	strlist_set(&c->choices[MP_CH_LEGAL], def_legal);
	strlist_set(&c->choices[MP_CH_YESNO], def_yesno);
	strlist_set(&c->choices[MP_CH_GENDER], def_genders);
	strlist_set(&c->choices[MP_CH_ID_TYPE], def_id_types);
	strlist_set(&c->choices[MP_CH_TRAINING_MODE], def_training_modes);
	/* 微创投 means resident votes; tranche triggers, an application's
	 * states and who pays a budget line are what the rules read. */
	strlist_set(&c->choices[MP_CH_ROUND_KIND], def_round_kinds);
	strlist_set(&c->choices[MP_CH_TRANCHE_TRIGGER], def_tranche_triggers);
	strlist_set(&c->choices[MP_CH_APP_STATE], def_app_states);
	strlist_set(&c->choices[MP_CH_PAID_BY], def_paid_by);
	strlist_set(&c->choices[MP_CH_EVAL_KIND], def_eval_kinds);
	strlist_set(&c->choices[MP_CH_OBJECTION_OUTCOME], def_objection_outcomes);
	strlist_set(&c->choices[MP_CH_INCUBATED_KIND], def_incubated_kinds);
	/* A physical base is one at a time; the outcomes are what the
	 * report counts. */
	strlist_set(&c->choices[MP_CH_BASE_KIND], def_base_kinds);
	strlist_set(&c->choices[MP_CH_STAY_OUTCOME], def_stay_outcomes);
	c->path = NULL;
}

void mp_config_free(mp_config *c)
{
	size_t i;
	int k;

	if (!c)
		return;
	for (i = 0; i < NSETTINGS; i++)
		if (settings[i].type == SET_STRING)
			free(*str_field(c, &settings[i]));
	for (k = 0; k < MP_CH__COUNT; k++)
		mp_strlist_free(&c->choices[k]);
	mp_strlist_free(&c->warnings);
	free(c->path);
	memset(c, 0, sizeof *c);
}

const mp_strlist *mp_config_choices(const mp_config *c, int id)
{
	static const mp_strlist empty = { NULL, 0 };

	if (!c || id <= MP_CH_NONE || id >= MP_CH__COUNT)
		return &empty;
	return &c->choices[id];
}

char *mp_config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	/* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
	if (xdg && xdg[0] == '/')
		return mp_asprintf("%s/miaopu/miaopu.conf", xdg);
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : ".";
	}
	return mp_asprintf("%s/.config/miaopu/miaopu.conf", home);
}

/* ---- loading ---- */

struct loader {
	mp_config *c;
	const char *path;
};

static void warn(struct loader *ld, const config_setting_t *s,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Append "FILE:LINE: message" to the warnings. */
static void warn(struct loader *ld, const config_setting_t *s,
		 const char *fmt, ...)
{
	const char *file = s ? config_setting_source_file(s) : NULL;
	char *msg, *line;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		mp_oom();
	va_end(ap);
	if (s)
		line = mp_asprintf("%s:%u: %s", file ? file : ld->path,
				   (unsigned)config_setting_source_line(s), msg);
	else
		line = mp_asprintf("%s: %s", ld->path, msg);
	mp_strlist_add(&ld->c->warnings, line);
	free(line);
	free(msg);
}

static const struct setting *find_setting(const char *name)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	return NULL;
}

static const char *type_wanted(enum set_type type)
{
	switch (type) {
	case SET_STRING:
		return _("a text in double quotes");
	case SET_BOOL:
		return _("true or false");
	case SET_INT:
		return _("a whole number");
	case SET_LIST:
		return _("a list of texts like [ \"a\", \"b\" ]");
	case SET_GROUP:
		break;
	}
	return _("a group like { ... }");
}

static void wrong_type(struct loader *ld, const config_setting_t *s,
		       const struct setting *t)
{
	warn(ld, s, _("“%s” should be %s; the built-in value is kept"),
	     t->name, type_wanted(t->type));
}

static void apply_string(struct loader *ld, const config_setting_t *s,
			 const struct setting *t)
{
	char **field = str_field(ld->c, t);

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		wrong_type(ld, s, t);
		return;
	}
	free(*field);
	*field = mp_trim(mp_strdup(config_setting_get_string(s)));
}

static void apply_bool(struct loader *ld, const config_setting_t *s,
		       const struct setting *t)
{
	int type = config_setting_type(s);

	if (type == CONFIG_TYPE_BOOL) {
		*int_field(ld->c, t) = config_setting_get_bool(s);
	} else if (type == CONFIG_TYPE_INT &&
		   (config_setting_get_int(s) == 0 ||
		    config_setting_get_int(s) == 1)) {
		/* colour = 1 is what people write; take it. */
		*int_field(ld->c, t) = config_setting_get_int(s);
	} else {
		wrong_type(ld, s, t);
	}
}

static void apply_int(struct loader *ld, const config_setting_t *s,
		      const struct setting *t)
{
	int v;

	if (config_setting_type(s) != CONFIG_TYPE_INT) {
		wrong_type(ld, s, t);
		return;
	}
	v = config_setting_get_int(s);
	if (v < t->min || v > t->max) {
		warn(ld, s, _("“%s” should be from %d to %d; the built-in value %s is kept"),
		     t->name, t->min, t->max, t->def);
		return;
	}
	*int_field(ld->c, t) = v;
}

static void apply_list(struct loader *ld, const config_setting_t *s,
		       const struct setting *t)
{
	mp_strlist *target = &ld->c->choices[t->choice];
	mp_strlist fresh = { NULL, 0 };
	int i, n;

	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		wrong_type(ld, s, t);
		return;
	}
	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		char *v;

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			warn(ld, e, _("entry %d of “%s” is not a text in double quotes, ignored"),
			     i + 1, t->name);
			continue;
		}
		v = mp_trim(mp_strdup(config_setting_get_string(e)));
		if (!*v)
			warn(ld, e, _("entry %d of “%s” is empty, ignored"),
			     i + 1, t->name);
		else if (mp_strlist_find(&fresh, v) >= 0)
			warn(ld, e, _("“%s” appears twice in “%s”, the second one is ignored"),
			     v, t->name);
		else
			mp_strlist_add(&fresh, v);
		free(v);
	}
	if (fresh.n == 0 && !t->may_be_empty) {
		warn(ld, s, _("“%s” has no entries; the built-in list is kept"),
		     t->name);
		mp_strlist_free(&fresh);
		return;
	}
	mp_strlist_free(target);
	*target = fresh;
}

static void walk_group(struct loader *ld, const config_setting_t *g,
		       const char *prefix)
{
	int i, n = config_setting_length(g);

	for (i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(s);
		const struct setting *t;
		char *full;

		if (!name)
			continue;
		full = prefix ? mp_asprintf("%s.%s", prefix, name)
			      : mp_strdup(name);
		t = find_setting(full);
		if (!t) {
			warn(ld, s, _("unknown setting “%s”, ignored"), full);
		} else {
			switch (t->type) {
			case SET_STRING:
				apply_string(ld, s, t);
				break;
			case SET_BOOL:
				apply_bool(ld, s, t);
				break;
			case SET_INT:
				apply_int(ld, s, t);
				break;
			case SET_LIST:
				apply_list(ld, s, t);
				break;
			case SET_GROUP:
				if (config_setting_is_group(s))
					walk_group(ld, s, t->name);
				else
					wrong_type(ld, s, t);
				break;
			}
		}
		free(full);
	}
}

int mp_config_load(mp_config *c, const char *path, int must_exist, mp_err *e)
{
	struct loader ld = { c, path };
	config_t cfg;
	FILE *fp;

	mp_err_clear(e);
	fp = fopen(path, "r");
	if (!fp) {
		int err = errno;

		if (err == ENOENT && !must_exist)
			return MP_OK;
		if (must_exist)
			return mp_err_set(e, MP_EIO,
					  _("cannot read settings file “%s”: %s"),
					  path, strerror(err));
		warn(&ld, NULL, _("cannot read settings file “%s”: %s"),
		     path, strerror(err));
		return MP_OK;
	}
	fclose(fp);

	config_init(&cfg);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		int rc = MP_EINVAL;
		char *msg;

		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO) {
			/* Opened but not readable: a folder, say. */
			rc = MP_EIO;
			msg = mp_asprintf(_("cannot read settings file “%s”: %s"),
					  path, config_error_text(&cfg));
		} else {
			const char *file = config_error_file(&cfg);
			msg = mp_asprintf(_("%s:%d: %s; the built-in settings are used"),
					  file ? file : path,
					  config_error_line(&cfg),
					  config_error_text(&cfg));
		}
		mp_strlist_add(&c->warnings, msg);
		if (rc == MP_EIO && !must_exist)
			rc = MP_OK;
		else
			mp_err_set(e, rc, "%s", msg);
		free(msg);
		config_destroy(&cfg);
		return rc;
	}
	walk_group(&ld, config_root_setting(&cfg), NULL);
	config_destroy(&cfg);
	free(c->path);
	c->path = mp_strdup(path);
	return MP_OK;
}
