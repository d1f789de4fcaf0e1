#ifndef UI_keys_H
#define UI_keys_H
#endif
