/* xlsx_lazy.c — libxlsxwriter, loaded the first time a workbook is made.
 *
 * libxlsxwriter brings OpenSSL's libcrypto with it, bound at load time:
 * linked in, the two cost every start of miaopu about 5 million
 * instructions of symbol binding and 2 MB of memory, for a feature used
 * now and then.  So the program is not linked with it: these functions,
 * with libxlsxwriter's own names and prototypes, load it with dlopen on
 * first use and pass the call on.  Should it be missing, a workbook cannot
 * be made (workbook_new_opt gives NULL) and nothing else changes. */
#include "config.h"

#include "mp_export.h"

#ifdef HAVE_XLSXWRITER

#include <dlfcn.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* The library's function called name, or NULL. */
static void *sym(const char *name)
{
	static void *lib;
	static int tried;

	if (!tried) {
		tried = 1;
		lib = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
		if (!lib)
			lib = dlopen("libxlsxwriter.so", RTLD_NOW | RTLD_LOCAL);
	}
	return lib ? dlsym(lib, name) : NULL;
}

/* Each function looks itself up once.  (POSIX's way of turning dlsym's
 * void * into a function pointer.) */
#define FIND(fn, name) do { if (!(fn)) *(void **)(&(fn)) = sym(name); } while (0)

lxw_workbook *workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
	static lxw_workbook *(*fn)(const char *, lxw_workbook_options *);

	FIND(fn, "workbook_new_opt");
	return fn ? fn(filename, options) : NULL;
}

lxw_error workbook_close(lxw_workbook *workbook)
{
	static lxw_error (*fn)(lxw_workbook *);

	FIND(fn, "workbook_close");
	return fn ? fn(workbook) : LXW_ERROR_CREATING_XLSX_FILE;
}

lxw_worksheet *workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname)
{
	static lxw_worksheet *(*fn)(lxw_workbook *, const char *);

	FIND(fn, "workbook_add_worksheet");
	return fn ? fn(workbook, sheetname) : NULL;
}

lxw_format *workbook_add_format(lxw_workbook *workbook)
{
	static lxw_format *(*fn)(lxw_workbook *);

	FIND(fn, "workbook_add_format");
	return fn ? fn(workbook) : NULL;
}

lxw_error workbook_validate_sheet_name(lxw_workbook *workbook, const char *sheetname)
{
	static lxw_error (*fn)(lxw_workbook *, const char *);

	FIND(fn, "workbook_validate_sheet_name");
	return fn ? fn(workbook, sheetname) : LXW_ERROR_CREATING_XLSX_FILE;
}

void format_set_bold(lxw_format *format)
{
	static void (*fn)(lxw_format *);

	FIND(fn, "format_set_bold");
	if (fn)
		fn(format);
}

void format_set_num_format(lxw_format *format, const char *num_format)
{
	static void (*fn)(lxw_format *, const char *);

	FIND(fn, "format_set_num_format");
	if (fn)
		fn(format, num_format);
}

lxw_error worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row,
                                 lxw_col_t col, const char *string,
                                 lxw_format *format)
{
	static lxw_error (*fn)(lxw_worksheet *, lxw_row_t, lxw_col_t, const char *,
	                       lxw_format *);

	FIND(fn, "worksheet_write_string");
	return fn ? fn(worksheet, row, col, string, format) : LXW_ERROR_CREATING_XLSX_FILE;
}

lxw_error worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row,
                                 lxw_col_t col, double number, lxw_format *format)
{
	static lxw_error (*fn)(lxw_worksheet *, lxw_row_t, lxw_col_t, double,
	                       lxw_format *);

	FIND(fn, "worksheet_write_number");
	return fn ? fn(worksheet, row, col, number, format) : LXW_ERROR_CREATING_XLSX_FILE;
}

lxw_error worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col,
                               lxw_col_t last_col, double width, lxw_format *format)
{
	static lxw_error (*fn)(lxw_worksheet *, lxw_col_t, lxw_col_t, double,
	                       lxw_format *);

	FIND(fn, "worksheet_set_column");
	return fn ? fn(worksheet, first_col, last_col, width, format) : LXW_ERROR_CREATING_XLSX_FILE;
}

void worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col)
{
	static void (*fn)(lxw_worksheet *, lxw_row_t, lxw_col_t);

	FIND(fn, "worksheet_freeze_panes");
	if (fn)
		fn(worksheet, row, col);
}

char *lxw_strerror(lxw_error error_num)
{
	static char *(*fn)(lxw_error);

	FIND(fn, "lxw_strerror");
	return fn ? fn(error_num) : (char *)"libxlsxwriter is not installed";
}

int mp_xlsx_available(void)
{
	return sym("workbook_new_opt") != NULL;
}

#else /* built without libxlsxwriter's header: no XLSX (xlsx.c) */

int mp_xlsx_available(void)
{
	return 0;
}

#endif
