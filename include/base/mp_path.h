/* mp_path.h — file names as a person types them in a prompt.
 *
 * The prompts that ask for a file (the import's CSV, where to save a
 * report) take a path typed by hand; Tab completes its last name as a
 * shell does, from what the folder holds.  No screen here: the prompt
 * (ui/widgets.c) draws, this decides, so that completion is a unit
 * test. */
#ifndef MP_PATH_H
#define MP_PATH_H

#include "mp_config.h"

/* typed with a leading "~" or "~/" standing for $HOME, as a new string;
 * "~//srv/x.csv" (a full path typed after an offered "~/") is "/srv/x.csv".
 * Anything else is returned as it is. */
char *mp_path_expand(const char *typed);

/* Complete the last name of typed (after its last '/', in the folder
 * before it, "~" standing for $HOME; none: the current folder).  Names
 * starting with '.' are offered only when the typed part starts with
 * one.  Returns how many names of the folder start with the typed part:
 *   0     *out is typed unchanged;
 *   1     *out is typed with that name whole, a folder's followed by '/';
 *   more  *out is typed extended to the longest start the names share.
 * *out is a new string (never NULL).  When choices is not NULL it gets
 * the matching names (a folder's with '/'), sorted, at most max of them
 * (0: all). */
int mp_path_complete(const char *typed, char **out, mp_strlist *choices,
                     int max);

/* Nonzero when path (expanded) names something that exists. */
int mp_path_exists(const char *typed);

#endif
