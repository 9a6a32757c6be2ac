#!/usr/bin/env bash
# Makes notebooks/<section>.ipynb from notebooks/template.ipynb for a section of oneclass.reproduction.Sections.
# Usage: notebooks/new.sh <section-id>      e.g. notebooks/new.sh ics_split
# The notebook then reads results/<section-id>/ (or runs the section's small live experiment) and draws it;
# add a Markdown cell that explains the picture, or a cell that displays a picture the library draws.
set -euo pipefail
id=${1:?usage: notebooks/new.sh <section-id> (as in oneclass.reproduction.Sections)}
[[ $id =~ ^[a-z0-9_]+$ ]] || { echo "notebooks/new.sh: '$id' is not a section id (lower case, digits, _)" >&2; exit 2; }
dir=$(cd "$(dirname "$0")" && pwd)
target=$dir/$id.ipynb
[[ -e $target ]] && { echo "notebooks/new.sh: $target exists; not overwritten" >&2; exit 1; }
sed "s/SECTION_ID/$id/g" "$dir/template.ipynb" > "$target.tmp" && mv "$target.tmp" "$target"
echo "wrote $target"
