#include <isa-l/igzip_lib.h>

/// The size of the level buffer ISA-L's level 1 deflate asks for by default: the macro is an
/// expression of other macros, which Swift does not import.
static inline uint32_t logtriage_isal_level1_buffer_size(void) { return ISAL_DEF_LVL1_DEFAULT; }
