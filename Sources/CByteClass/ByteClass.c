// The target's functions are static inline in include/ByteClass.h; SwiftPM builds a C target
// from at least one source file.
#include "ByteClass.h"
