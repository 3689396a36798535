#!/usr/bin/env bash
# Writes Sources/CBuildInfo/revision.h with the git commit being built (and "-dirty" when the
# work tree has changes), so `logtriage --version` names its source revision. The file is
# rewritten only when the revision changes, so an unchanged tree does not rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
revision=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ "$revision" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    revision="$revision-dirty"
fi
header=Sources/CBuildInfo/revision.h
line="#define LOGTRIAGE_REVISION \"$revision\""
[ -f "$header" ] && [ "$(cat "$header")" = "$line" ] && exit 0
echo "$line" > "$header"
