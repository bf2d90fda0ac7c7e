// SQLite 3 headers for Swift. Only the Storage target imports this.
#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a destructor pointer: SQLite copies the bound value at once.
static inline sqlite3_destructor_type shim_SQLITE_TRANSIENT(void) { return SQLITE_TRANSIENT; }
#endif
