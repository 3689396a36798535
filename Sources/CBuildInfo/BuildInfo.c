#include "BuildInfo.h"

#if __has_include("revision.h")
#include "revision.h"
#endif

#ifndef LOGTRIAGE_REVISION
#define LOGTRIAGE_REVISION "unknown"
#endif

const char *logtriage_source_revision(void) { return LOGTRIAGE_REVISION; }
