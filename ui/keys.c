/* keys.c — the key table.  Each row: action, contexts, keys, bar label,
 * help text.  Key names: a single character, or Enter Esc Tab BTab Up Down
 * Left Right PgUp PgDn Home End Ins Del Space F1..F12 C-x (Ctrl-x).  A
 * name that is none of these ("0-9") only shows in the help, for keys a
 * screen reads itself; section_keys stands for the sections' own keys. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "mp_i18n.h"
#include "mp_sections.h"
#include "mp_text.h"

/* Stands in a row's keys for the sections' own keys ('1'..'9'). */
static const char section_keys[] = "sections";

struct keydef {
	enum ui_action action;
	unsigned ctx;
	const char *keys;
	const char *bar;   /* short label for the key bar, NULL: not on it */
	const char *help;
};

#define LISTS (CTX_LIST | CTX_BIN)
#define RECORDS (CTX_LIST | CTX_CHILD)
#define ANYLIST (CTX_LIST | CTX_BIN | CTX_CHILD | CTX_PICKREC)
#define MOVES (ANYLIST | CTX_PICK | CTX_HELP | CTX_BATCH | CTX_OVERVIEW | \
               CTX_REPORT | CTX_IMPORT | CTX_RANKING)

static const struct keydef table[] = {
	{ A_HELP, CTX_GLOBAL, "F1 ?", N_("Help"), N_("Show help for this screen") },
	/* The section keys are the sections table's (mp_sections.h): '1' to
	 * '9' open the first nine, and the help has a line for each section. */
	{ A_SECTION, CTX_GLOBAL, section_keys, NULL, NULL },
	{ A_SECTION_MENU, CTX_GLOBAL, "0", NULL, N_("All the sections, in a menu: type a section's number, or move to it and press Enter") },
	{ A_NONE, CTX_SECMENU, "0-9", NULL, N_("Type the section's number: it opens at once, or with Enter when another digit could follow (1 then 0 is 10)") },

	{ A_SEARCH_DONE, CTX_SEARCH, "Enter", N_("Done"), N_("Stop typing and keep the search") },
	{ A_SEARCH_CLEAR, CTX_SEARCH, "Esc", N_("Clear"), N_("Clear the search") },
	{ A_SEARCH_DONE, CTX_HOURS, "Enter", N_("Done"), N_("Keep the hours typed and tick the volunteer") },
	{ A_SEARCH_CLEAR, CTX_HOURS, "Esc", N_("Cancel"), N_("Put the hours back as they were") },

	{ A_SEARCH_DONE, CTX_PROMPT, "Enter", N_("OK"), N_("Take what is typed") },
	{ A_COMPLETE, CTX_PATH, "Tab", N_("Complete"), N_("Complete the file or folder name; again: list the names that fit") },
	{ A_CANCEL, CTX_PROMPT, "Esc", N_("Cancel"), N_("Close without taking it") },

	{ A_UP, MOVES, "Up k", NULL, N_("Move up") },
	{ A_DOWN, MOVES, "Down j", NULL, N_("Move down") },
	{ A_PGUP, MOVES, "PgUp", NULL, N_("Page up") },
	{ A_PGDN, MOVES, "PgDn", NULL, N_("Page down") },
	{ A_HOME, MOVES, "Home g", NULL, N_("First row") },
	{ A_END, MOVES, "End G", NULL, N_("Last row") },

	{ A_OPEN, RECORDS, "Enter", N_("Open"), N_("Open the record") },
	{ A_OPEN, CTX_OVERVIEW, "Enter", N_("Open"), N_("Open the supervision visit whose follow-up is due") },
	{ A_CHECK, CTX_OVERVIEW, "c", N_("Check"), N_("Check the whole ledger for damage and broken links between records, with a progress bar (as miaopu check)") },
	{ A_CHOOSE, CTX_PICKREC, "Enter", N_("Choose"), N_("Take the highlighted record") },
	{ A_ADD, RECORDS, "a Ins", N_("Add"), N_("Add a record") },
	{ A_DELETE, RECORDS, "d Del", N_("Delete"), N_("Move the record to the recycle bin (asks first)") },
	{ A_SEARCH, ANYLIST, "/", N_("Search"), N_("Search as you type (any part of a name, one character is enough)") },
	{ A_FILTER, CTX_LIST, "f", N_("Filter"), N_("Filter by the fields that have choices (legal status, category, community …), or show overdue follow-ups") },
	{ A_SORT, RECORDS | CTX_PICKREC, "s", N_("Sort"), N_("Change the order (by name, by date, by date added)") },
	{ A_BIN, LISTS | CTX_CHILD, "b", N_("Bin"), N_("Show or leave the recycle bin") },
	{ A_RESTORE, CTX_BIN, "r", N_("Restore"), N_("Restore the record from the recycle bin") },
	{ A_OPEN, CTX_BIN, "Enter", NULL, N_("Say how to restore or purge the record") },
	{ A_PURGE, CTX_BIN, "D Del", N_("Purge"), N_("Delete the record for good (asks first)") },
	{ A_IMPORT, CTX_LIST, "I", N_("Import"), N_("Import records of this list from a CSV file: a dry run first, then all or nothing") },
	{ A_IMPORT, CTX_IMPORT, "Enter F2", N_("Import"), N_("Import the rows checked in the dry run, all or nothing") },

	/* Before Tab Down Enter: Enter picks where there is a list. */
	{ A_PICK, CTX_FORMPICK, "Enter", N_("Pick"), N_("Open the pick list of a choice field (elsewhere: next field)") },
	{ A_NEXT_FIELD, CTX_FORM, "Tab Down Enter", NULL, N_("Next field") },
	{ A_PREV_FIELD, CTX_FORM, "BTab Up", NULL, N_("Previous field") },
	{ A_SAVE, CTX_FORM, "F2 C-s", N_("Save"), N_("Save the record") },
	{ A_NEXT_STATE, CTX_STATES, "F6", N_("Next step"), N_("Move the record on to its next state, asking what the step needs (its date, a reason, an amount)") },
	{ A_NEW_REF, CTX_FORMREF, "C-n", N_("New"), N_("Not in the ledger yet: make the record this field picks now (a group not registered yet), and take it") },
	/* Not on the key bar, which the lists fill already: in the help. */
	{ A_RELATED, CTX_ROWREL, "F5", NULL, N_("The highlighted record's related lists (a round's applications, a volunteer's service records …), without opening it") },
	{ A_RELATED, CTX_FORM, "F5", N_("Related"), N_("The record's related lists and actions (service records, members, certificate, change log …)") },
	{ A_CANCEL, CTX_FORM, "Esc", N_("Cancel"), N_("Close the form (asks first if anything changed)") },

	{ A_ED_LEFT, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "Left", NULL, N_("Move the cursor left") },
	{ A_ED_RIGHT, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "Right", NULL, N_("Move the cursor right") },
	{ A_ED_HOME, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "Home C-a", NULL, N_("Go to the start of the text") },
	{ A_ED_END, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "End C-e", NULL, N_("Go to the end of the text") },
	{ A_ED_BACKSPACE, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "Backspace", NULL, N_("Remove the character before the cursor") },
	{ A_ED_DELETE, CTX_FORM, "Del C-d", NULL, N_("Remove the character under the cursor") },
	{ A_ED_KILL, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "C-k", NULL, N_("Remove the text after the cursor") },
	{ A_ED_CLEAR, CTX_FORM | CTX_SEARCH | CTX_PROMPT, "C-u", NULL, N_("Clear the field") },

	{ A_CHOOSE, CTX_PICK, "Enter", N_("Choose"), N_("Take the highlighted choice") },

	{ A_TOGGLE, CTX_BATCH, "Space", N_("Tick"), N_("Tick or untick the volunteer") },
	{ A_EDIT, CTX_BATCH, "Enter", N_("Hours"), N_("Change the volunteer's hours") },
	{ A_ADD, CTX_BATCH, "a", N_("Add"), N_("Add a volunteer who is not a member, by search") },
	{ A_SAVE, CTX_BATCH, "F2 C-s", N_("Save all"), N_("Save the ticked volunteers' hours, all or none") },
	{ A_CANCEL, CTX_BATCH, "Esc", N_("Cancel"), N_("Close without saving (asks first)") },

	{ A_PERIOD, CTX_REPORT, "p", N_("Period"), N_("Choose the period of the report (from, to)") },
	{ A_THIS_YEAR, CTX_REPORT, "y", N_("This year"), N_("The report for this year up to today") },
	{ A_COMMUNITY, CTX_REPORT, "c", N_("Which community"), N_("The report for one community, or for all") },
	{ A_ROUND, CTX_REPORT, "r", N_("Funding round"), N_("The report of one funding round (公益创投, 微创投), or back to the summary report") },
	{ A_EXPORT, CTX_REPORT, "x", N_("Save"), N_("Save the report as XLSX (a sheet per table), CSV or text") },

	{ A_OPEN, CTX_RANKING, "Enter", N_("Open"), N_("Open the application: its scores, votes and state") },
	{ A_EDIT, CTX_RANKING, "e", N_("Reviewers"), N_("Find a reviewer and open their record: unit, field, volunteer record") },
	{ A_EXPORT, CTX_RANKING, "x", N_("Public notice"), N_("Write the public notice (公示) of the approved projects: an HTML page for A4") },

	{ A_BACK, CTX_PICK | CTX_HELP | CTX_BIN | CTX_CHILD | CTX_PICKREC | CTX_IMPORT | CTX_RANKING, "Esc q", N_("Back"), N_("Go back") },
	{ A_BACK, CTX_LIST, "Esc", NULL, N_("Clear the search and filters") },
	/* q goes back one level: from a section to the overview, and quits
	 * only from there (F10 quits from anywhere). */
	{ A_UP_LEVEL, CTX_LIST | CTX_EMPTY | CTX_REPORT, "q", N_("Back"), N_("Back to the overview (q there quits miaopu)") },
	{ A_QUIT, CTX_OVERVIEW, "q", N_("Quit"), N_("Quit miaopu") },
	{ A_QUIT, CTX_GLOBAL, "F10", NULL, N_("Quit miaopu (asks if something is unsaved)") },
	/* Read by the main loop itself, before any screen sees the key. */
	{ A_NONE, CTX_GLOBAL, "C-l", NULL, N_("Repaint the whole screen") },
};

#define NKEYS (sizeof table / sizeof table[0])
#define MAXSPEC 4

struct keyspec {
	wint_t ch;
	int is_key;
};

static struct keyspec specs[NKEYS][MAXSPEC];
static int specs_ready;

static int parse_name(const char *n, size_t len, struct keyspec *k)
{
	static const struct { const char *name; wint_t ch; int is_key; } named[] = {
		{ "Enter", '\n', 0 }, { "Esc", 27, 0 }, { "Tab", '\t', 0 },
		{ "BTab", KEY_BTAB, 1 }, { "Up", KEY_UP, 1 }, { "Down", KEY_DOWN, 1 },
		{ "Left", KEY_LEFT, 1 }, { "Right", KEY_RIGHT, 1 },
		{ "PgUp", KEY_PPAGE, 1 }, { "PgDn", KEY_NPAGE, 1 },
		{ "Home", KEY_HOME, 1 }, { "End", KEY_END, 1 }, { "Ins", KEY_IC, 1 },
		{ "Del", KEY_DC, 1 }, { "Space", ' ', 0 },
		{ "Backspace", KEY_BACKSPACE, 1 },
	};
	if (len == 1) {
		k->ch = (unsigned char)n[0];
		k->is_key = 0;
		return 0;
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == len && !strncmp(named[i].name, n, len)) {
			k->ch = named[i].ch;
			k->is_key = named[i].is_key;
			return 0;
		}
	if (n[0] == 'F' && len <= 3) {
		k->ch = KEY_F(atoi(n + 1));
		k->is_key = 1;
		return 0;
	}
	if (len == 3 && n[0] == 'C' && n[1] == '-') {
		k->ch = (wint_t)(n[2] & 0x1f);
		k->is_key = 0;
		return 0;
	}
	return -1;
}

static void prepare(void)
{
	if (specs_ready)
		return;
	for (size_t i = 0; i < NKEYS; i++) {
		const char *p = table[i].keys;
		int n = 0;
		while (*p && n < MAXSPEC) {
			size_t len = strcspn(p, " ");
			if (len && parse_name(p, len, &specs[i][n]) == 0)
				n++;
			p += len;
			while (*p == ' ')
				p++;
		}
		for (; n < MAXSPEC; n++)
			specs[i][n].ch = WEOF;
	}
	specs_ready = 1;
}

/* A key that types text in a text-taking context: printable characters. */
static int is_text_key(wint_t ch, int is_key)
{
	return !is_key && ch >= 32 && ch != 127;
}

static int same_key(const struct keyspec *k, wint_t ch, int is_key)
{
	if (k->ch == WEOF)
		return 0;
	if (k->ch == KEY_BACKSPACE && k->is_key)
		return (is_key && ch == KEY_BACKSPACE) ||
		       (!is_key && (ch == 127 || ch == 8));
	if (k->ch == '\n' && !k->is_key)
		return (!is_key && (ch == '\n' || ch == '\r')) ||
		       (is_key && ch == KEY_ENTER);
	return k->ch == ch && k->is_key == is_key;
}

/* Pick lists and the help read digits and letters themselves: there the
 * keys that change section do nothing. */
static int no_sections(size_t i, unsigned ctx)
{
	return (ctx & (CTX_PICK | CTX_HELP)) &&
	       (table[i].action == A_SECTION || table[i].action == A_SECTION_MENU);
}

enum ui_action keys_lookup(unsigned ctx, wint_t ch, int is_key)
{
	int text = (ctx & (CTX_FORM | CTX_SEARCH | CTX_PROMPT | CTX_HOURS)) != 0;
	prepare();
	/* The screen's own keys first, then the global ones. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NKEYS; i++) {
			unsigned want = pass == 0 ? (table[i].ctx & ctx)
			                          : (table[i].ctx & CTX_GLOBAL);
			if (!want)
				continue;
			if (pass == 1 && no_sections(i, ctx))
				continue;
			if (pass == 1 && text && is_text_key(ch, is_key))
				continue;
			if (table[i].keys == section_keys &&
			    !is_key && mp_section_by_key((int)ch) >= 0)
				return table[i].action;
			for (int k = 0; k < MAXSPEC; k++)
				if (same_key(&specs[i][k], ch, is_key))
					return table[i].action;
		}
	}
	return A_NONE;
}

static const char *display_name(const char *n, size_t len, char *buf, size_t size)
{
	if (len == 3 && n[0] == 'C' && n[1] == '-')
		snprintf(buf, size, "Ctrl-%c", n[2] - 32);
	else if (len == 4 && !strncmp(n, "BTab", 4))
		snprintf(buf, size, "Shift-Tab");
	else
		snprintf(buf, size, "%.*s", (int)len, n);
	return buf;
}

static const char *names_of(size_t i, char *out, size_t size)
{
	const char *p = table[i].keys;
	out[0] = '\0';
	while (*p) {
		char one[24];
		size_t len = strcspn(p, " ");
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%s", used ? " " : "",
		         display_name(p, len, one, sizeof one));
		p += len;
		while (*p == ' ')
			p++;
	}
	return out;
}

const char *keys_names(unsigned ctx, enum ui_action a)
{
	static char buf[64];
	for (size_t i = 0; i < NKEYS; i++)
		if (table[i].action == a && (table[i].ctx & ctx))
			return names_of(i, buf, sizeof buf);
	return "";
}

/* One key bar item for table row i: "  F1 Help" (no leading spaces when
 * first).  Returns its display width. */
static int bar_item(size_t i, int first, char *item, size_t size)
{
	char name[24];
	size_t len = strcspn(table[i].keys, " ");

	snprintf(item, size, "%s%s %s", first ? "" : "  ",
	         display_name(table[i].keys, len, name, sizeof name), _(table[i].bar));
	return mp_text_width(item);
}

/* Whether row i goes on the bar of ctx in pass 0 (the screen's own keys)
 * or pass 1 (help and quit from the global ones). */
static int on_bar(size_t i, unsigned ctx, int pass)
{
	unsigned c = table[i].ctx;

	if (!table[i].bar)
		return 0;
	if (pass == 1 && (ctx & (CTX_SEARCH | CTX_PROMPT | CTX_HOURS)))
		return 0;
	return pass == 0 ? (c & ctx) != 0 : (c & CTX_GLOBAL) && !(c & ctx);
}

void keys_bar_items(unsigned ctx, int cols,
                    void (*fn)(void *arg, const char *item, int x, int w,
                               wint_t ch, int is_key),
                    void *arg)
{
	int width = 0, reserve = 0, first = 1;
	char item[128];

	prepare();
	/* Room is kept for the global keys (F1 Help), so that a long bar
	 * drops one of the screen's keys rather than the way to the help. */
	for (size_t i = 0; i < NKEYS; i++)
		if (on_bar(i, ctx, 1))
			reserve += bar_item(i, 0, item, sizeof item);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < NKEYS; i++) {
			int w;

			if (!on_bar(i, ctx, pass))
				continue;
			w = bar_item(i, first, item, sizeof item);
			if (pass == 0 && width + w + reserve > cols)
				continue;
			if (width + w > cols)
				return;
			fn(arg, item, width, w, specs[i][0].ch, specs[i][0].is_key);
			width += w;
			first = 0;
		}
}

struct bar_buf {
	char *buf;
	size_t size, used;
	int full;
};

static void bar_append(void *arg, const char *item, int x, int w,
                       wint_t ch, int is_key)
{
	struct bar_buf *b = arg;
	size_t len = strlen(item);
	(void)x; (void)w; (void)ch; (void)is_key;
	if (b->full || b->used + len + 1 > b->size) {
		b->full = 1;
		return;
	}
	memcpy(b->buf + b->used, item, len + 1);
	b->used += len;
}

void keys_bar(unsigned ctx, char *buf, size_t size, int cols)
{
	struct bar_buf b = { buf, size, 0, 0 };
	if (size)
		buf[0] = '\0';
	keys_bar_items(ctx, cols, bar_append, &b);
}

/* One help line per section: its key, or 0 and its number past nine. */
static void section_help(void (*fn)(void *arg, const char *keys, const char *help),
                         void *arg)
{
	for (int i = 0; i < mp_section_count(); i++) {
		char k[16];

		if (mp_section_key(i))
			snprintf(k, sizeof k, "%c", mp_section_key(i));
		else
			snprintf(k, sizeof k, "0 %d", i + 1);
		fn(arg, k, _(mp_section_get(i)->title_en));
	}
}

void keys_help(unsigned ctx,
               void (*fn)(void *arg, const char *keys, const char *help),
               void *arg)
{
	char names[64];
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < NKEYS; i++) {
			unsigned c = table[i].ctx;
			if (pass == 0 ? !(c & ctx) : (!(c & CTX_GLOBAL) || (c & ctx)))
				continue;
			if (pass == 1 && no_sections(i, ctx))
				continue;
			if (table[i].keys == section_keys) {
				section_help(fn, arg);
				continue;
			}
			fn(arg, names_of(i, names, sizeof names), _(table[i].help));
		}
}
