// zlib headers for Swift. Only the Compression target imports this.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro passing the zlib version and stream size.
static inline int shim_deflateInit2(z_streamp s, int level, int method, int windowBits, int memLevel, int strategy) {
    return deflateInit2(s, level, method, windowBits, memLevel, strategy);
}
/// inflateInit2 is a macro passing the zlib version and stream size.
static inline int shim_inflateInit2(z_streamp s, int windowBits) { return inflateInit2(s, windowBits); }
#endif
