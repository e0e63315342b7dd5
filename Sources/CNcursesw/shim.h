#ifndef MINUTES_CNCURSESW_SHIM_H
#define MINUTES_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags; without this the wide-character API is hidden. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Hidden by Swift's Glibc module (it needs _XOPEN_SOURCE); ncurses and tmux use it. */
extern int wcwidth(wchar_t c);

/* ---- Globals and macros Swift cannot import (see notes/ncursesw-in-swift.md) ---- */

static inline WINDOW *minutes_stdscr(void) { return stdscr; }
static inline FILE *minutes_stdin(void) { return stdin; }
static inline FILE *minutes_stdout(void) { return stdout; }
static inline int minutes_colors(void) { return COLORS; }
static inline attr_t minutes_attr_bold(void) { return A_BOLD; }
static inline attr_t minutes_attr_reverse(void) { return A_REVERSE; }
static inline attr_t minutes_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t minutes_attr_dim(void) { return A_DIM; }

/* Whether LC_CTYPE currently uses UTF-8. */
static inline int minutes_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

/* glibc's wcwidth in the C.UTF-8 locale, whatever the process locale (thread-local switch).
   Returns -2 when C.UTF-8 is not available. */
static inline locale_t *minutes_c_utf8_locale(void) {
    static locale_t locale = (locale_t)0;
    return &locale;
}
static void minutes_make_c_utf8_locale(void) {
    *minutes_c_utf8_locale() = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}
static inline int minutes_wcwidth_c_utf8(wchar_t c) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, minutes_make_c_utf8_locale);
    if (*minutes_c_utf8_locale() == (locale_t)0) return -2;
    locale_t previous = uselocale(*minutes_c_utf8_locale());
    int width = wcwidth(c);
    uselocale(previous);
    return width;
}

/* A cchar_t holding a whole cluster: setcchar() stops at the first scalar of nonzero width,
   which would cut emoji ZWJ sequences; ncurses prints every stored scalar and advances by
   the width of the first. */
static inline int minutes_set_cchar(cchar_t *cell, const wchar_t *chars, int count,
                                    attr_t attrs, int pair) {
    wchar_t base[2] = { chars[0], 0 };
    if (setcchar(cell, base, attrs, (short)pair, NULL) == ERR) return ERR;
    for (int i = 1; i < count && i < CCHARW_MAX; i++) cell->chars[i] = chars[i];
    return OK;
}

/* Reads back the text of a cell (for tests). Returns the number of wide chars copied. */
static inline int minutes_read_cell(WINDOW *win, int y, int x, wchar_t *out, int capacity) {
    cchar_t cell;
    if (mvwin_wch(win, y, x, &cell) == ERR) return -1;
    int n = 0;
    while (n < CCHARW_MAX && n < capacity && cell.chars[n] != 0) { out[n] = cell.chars[n]; n++; }
    return n;
}

/* ---- Signals: the handlers only record the signal; the run loop polls it ----
   State lives in function-local statics: Swift's importer emits those with the functions. */

static inline volatile sig_atomic_t *minutes_signal_slot(void) {
    static volatile sig_atomic_t received = 0;
    return &received;
}

static void minutes_record_signal(int signal_number) { *minutes_signal_slot() = signal_number; }

/* install != 0: installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal
   (no SA_RESTART, so a blocked read returns). install == 0: puts back the previous handlers. */
static inline void minutes_signal_handlers(int install) {
    static const int handled[3] = { SIGINT, SIGTERM, SIGHUP };
    static struct sigaction previous[3];
    static int installed = 0;
    if (install && !installed) {
        *minutes_signal_slot() = 0;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = minutes_record_signal;
        sigemptyset(&action.sa_mask);
        for (int i = 0; i < 3; i++) sigaction(handled[i], &action, &previous[i]);
        /* A launcher may have started us with these signals blocked (a blocked mask is
           inherited across exec): unblock them, or a hang-up would never reach the handler. */
        sigset_t unblock;
        sigemptyset(&unblock);
        for (int i = 0; i < 3; i++) sigaddset(&unblock, handled[i]);
        pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
        installed = 1;
    } else if (!install && installed) {
        for (int i = 0; i < 3; i++) sigaction(handled[i], &previous[i], NULL);
        installed = 0;
    }
}

/* The last signal received since the handlers were installed (0 when none). */
static inline int minutes_pending_signal(void) { return *minutes_signal_slot(); }

#endif
