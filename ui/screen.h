#ifndef UI_screen_H
#define UI_screen_H
#endif
