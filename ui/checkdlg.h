/* checkdlg.h — checking the whole ledger from the screen (checkdlg.c). */
#ifndef UI_CHECKDLG_H
#define UI_CHECKDLG_H

/* Check the open ledger's file for damage and broken links, with a
 * progress bar; the verdict on the status line, problems in a text
 * screen. */
void ui_check_ledger(void);

#endif
