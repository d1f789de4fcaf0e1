/* textview.h — a scrolling screen of two-column lines (keys and what they
 * do; when a field changed and how).  The help screen is one. */
#ifndef UI_TEXTVIEW_H
#define UI_TEXTVIEW_H

struct ui_textview;

struct ui_textview *ui_textview_new(const char *title);
/* Add a line: left (bold, its own column) and right. */
void ui_textview_add(struct ui_textview *tv, const char *left, const char *right);
/* Push it on the screen stack; Esc or q closes it. */
void ui_textview_show(struct ui_textview *tv);

#endif
