#ifndef UI_ui_H
#define UI_ui_H
#endif
