/* test_labels.c — in Chinese, every field of every record type is labelled
 * with the data dictionary's own word (label_zh, the CSV header users type),
 * and every text of the tables is translated; in English the labels are the
 * English ones.  Reads the compiled catalogue from $MIAOPU_LOCALEDIR (set by
 * make check), else from ./locale (the build tree). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp_group.h"
#include "mp_registry.h"
#include "mp_i18n.h"

#define ZH "zh_CN.UTF-8"
#define EN "C.UTF-8"

/* Nonzero when s holds a byte outside ASCII: Chinese, for our catalogue. */
static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static int to_zh(void **state)
{
	(void)state;
	return setlocale(LC_ALL, ZH) ? 0 : -1;
}

static int to_en(void **state)
{
	(void)state;
	return setlocale(LC_ALL, EN) ? 0 : -1;
}

/* The catalogue is there at all: otherwise every other test would fail
 * with English labels and no hint why. */
static void test_catalogue_found(void **state)
{
	(void)state;
	if (strcmp(gettext("Groups"), "组织") != 0)
		fail_msg("no Chinese catalogue for \"miaopu\" in %s (gettext(\"Groups\") "
		         "gave \"%s\"); build it with make, or set MIAOPU_LOCALEDIR",
		         bindtextdomain("miaopu", NULL), gettext("Groups"));
	assert_true(mp_i18n_is_zh());
}

/* gettext(label_en) and mp_field_label() are label_zh for every field.  One
 * msgid has one translation, so two tables that share an English label
 * with different Chinese ones show up here too.  Lists every mismatch. */
static void test_labels_are_the_dictionary_words(void **state)
{
	int bad = 0, checked = 0;

	(void)state;
	assert_true(mp_registry_count() >= 1);
	for (int t = 0; t < mp_registry_count(); t++) {
		const mp_table *tab = mp_registry_get(t);
		for (int i = 0; i < tab->nfields; i++) {
			const mp_field *f = &tab->fields[i];
			const char *tr = gettext(f->label_en);
			const char *shown = mp_field_label(f);

			checked++;
			if (strcmp(tr, f->label_zh) != 0) {
				print_error("%s.%s: \"%s\" translates to \"%s\", the dictionary says \"%s\"\n",
				            tab->name, f->col, f->label_en, tr, f->label_zh);
				bad++;
			}
			if (strcmp(shown, f->label_zh) != 0) {
				print_error("%s.%s: mp_field_label gives \"%s\", not \"%s\"\n",
				            tab->name, f->col, shown, f->label_zh);
				bad++;
			}
		}
	}
	assert_true(checked >= 20);  /* the groups table alone has 22 fields */
	assert_int_equal(bad, 0);
}

/* The rest of each table's text (titles, the unit, sort names, hints) is
 * translated too: a text left out of the catalogue, or not marked with N_()
 * in the table, stays English on a Chinese screen. */
static void test_table_texts_translated(void **state)
{
	int bad = 0;

	(void)state;
	for (int t = 0; t < mp_registry_count(); t++) {
		const mp_table *tab = mp_registry_get(t);
		const char *texts[64];
		int n = 0;

		texts[n++] = tab->title_en;
		texts[n++] = tab->unit_en;
		for (int i = 0; i < tab->nsorts && n < 64; i++)
			texts[n++] = tab->sorts[i].label_en;
		for (int i = 0; i < tab->nfields && n < 64; i++)
			if (tab->fields[i].hint)
				texts[n++] = tab->fields[i].hint;
		for (int i = 0; i < n; i++) {
			const char *tr = gettext(texts[i]);
			if (!has_non_ascii(tr)) {
				print_error("%s: \"%s\" is not translated\n", tab->name, texts[i]);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
	assert_string_equal(gettext(mp_groups.title_en), "组织");
	assert_string_equal(gettext(mp_groups.unit_en), "组织");
}

/* Under an English locale the UI label is the English one. */
static void test_english_labels(void **state)
{
	(void)state;
	assert_false(mp_i18n_is_zh());
	for (int t = 0; t < mp_registry_count(); t++) {
		const mp_table *tab = mp_registry_get(t);
		for (int i = 0; i < tab->nfields; i++)
			assert_string_equal(mp_field_label(&tab->fields[i]),
			                    tab->fields[i].label_en);
	}
	assert_string_equal(mp_field_label(&mp_groups.fields[G_USCC]), "Credit code (USCC)");
	assert_string_equal(mp_field_label(&mp_groups.fields[G_TOWNSHIP]), "Township");
}

int main(void)
{
	const char *dir = getenv("MIAOPU_LOCALEDIR");
	const struct CMUnitTest zh_tests[] = {
		cmocka_unit_test(test_catalogue_found),
		cmocka_unit_test(test_labels_are_the_dictionary_words),
		cmocka_unit_test(test_table_texts_translated),
	};
	const struct CMUnitTest en_tests[] = {
		cmocka_unit_test(test_english_labels),
	};
	int have_zh, failed;

	/* LANGUAGE would override the locale's language for messages. */
	unsetenv("LANGUAGE");
	bindtextdomain("miaopu", dir && *dir ? dir : "locale");
	bind_textdomain_codeset("miaopu", "UTF-8");
	textdomain("miaopu");

	have_zh = setlocale(LC_ALL, ZH) != NULL;
	if (!setlocale(LC_ALL, EN)) {
		printf("the %s locale is missing: skipped\n", EN);
		return 77;
	}
	if (!have_zh) {
		failed = cmocka_run_group_tests_name("english", en_tests, to_en, NULL);
		printf("the %s locale is missing (package locales-all): "
		       "the Chinese labels were not checked: skipped\n", ZH);
		return failed ? 1 : 77;
	}
	failed = cmocka_run_group_tests_name("chinese", zh_tests, to_zh, NULL);
	failed += cmocka_run_group_tests_name("english", en_tests, to_en, NULL);
	return failed ? 1 : 0;
}
