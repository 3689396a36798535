#ifndef LOGTRIAGE_BUILD_INFO_H
#define LOGTRIAGE_BUILD_INFO_H

/// The source revision the binary was built from: the git commit written into revision.h by
/// `make` (scripts/write-revision.sh), or "unknown" for a plain `swift build`.
const char *logtriage_source_revision(void);

#endif
