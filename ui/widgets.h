#ifndef UI_widgets_H
#define UI_widgets_H
#endif
