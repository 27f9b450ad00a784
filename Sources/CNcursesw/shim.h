// Shim for ncursesw (Debian: libncurses-dev). Wide-character API on; macros and C globals
// (stdscr, COLS, LINES, COLOR_PAIR, getmaxyx) wrapped as functions because Swift 6 cannot import them safely.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *cockpit_stdscr(void) { return stdscr; }
static inline int cockpit_lines(void) { return LINES; }
static inline int cockpit_cols(void) { return COLS; }
static inline int cockpit_colors(void) { return COLORS; }
static inline int cockpit_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cockpit_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline void cockpit_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline attr_t cockpit_a_bold(void) { return A_BOLD; }
static inline attr_t cockpit_a_reverse(void) { return A_REVERSE; }
static inline attr_t cockpit_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cockpit_a_dim(void) { return A_DIM; }
static inline int cockpit_set_locale_from_env(void) { return setlocale(LC_ALL, "") != NULL; }

/* One attribute-and-colour-pair setter and one wide key read, as functions (the curses forms are macros). */
static inline int cockpit_set_attr(attr_t a, short pair) { return wattr_set(stdscr, a, pair, NULL); }
static inline int cockpit_read_key(int *is_code, unsigned int *value) {
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    *value = (unsigned int)ch;
    *is_code = (r == KEY_CODE_YES);
    return r;
}
