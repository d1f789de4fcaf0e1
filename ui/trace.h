/* trace.h — key-to-screen timings for the benchmark ($MIAOPU_TRACE). */
#ifndef MP_UI_TRACE_H
#define MP_UI_TRACE_H

void trace_open(void);
void trace_key(void);     /* a key was just read */
void trace_idle(void);    /* work begins while no key waits */
void trace_drawn(void);   /* the screen was just brought up to date */
void trace_close(void);

#endif
