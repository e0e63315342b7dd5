#ifndef MINUTES_CNCURSESW_SHIM_H
#define MINUTES_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags; without this the wide-character API is hidden. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
