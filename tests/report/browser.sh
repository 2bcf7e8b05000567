#!/usr/bin/env bash
# The report in a real browser: nps-stat report on the demo data, opened in
# headless Chromium. Checks that the page loads with no console message (a
# script error or a blocked load would print one), that the browser asked
# for nothing but the page itself (its network log names no other URL),
# that both charts are in the DOM as <svg> elements with a non-zero width
# and height, and takes a screenshot. Then a page with every section
# (--competitors and --arm besides) in the print theme is loaded the same
# way and printed to PDF as docs/cli.md says (chromium --print-to-pdf):
# the PDF must be one, with pages.
#
# Usage: browser.sh NPS_STAT REPO_ROOT [SCREENSHOT.png]
#   With SCREENSHOT.png the screenshot is kept there (docs/report.png is
#   made this way). Without Chromium (Debian package chromium) or gnuplot
#   the test is skipped with exit status 77 and says so.
set -uo pipefail
prog=$1 root=$2 keep=${3:-}
[[ "$prog" == /* ]] || prog="$PWD/$prog"
[[ -z "$keep" || "$keep" == /* ]] || keep="$PWD/$keep"
chrome=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chrome" ]]; then
  echo "SKIPPED: chromium not installed"
  exit 77
fi
if ! command -v gnuplot >/dev/null; then
  echo "SKIPPED: gnuplot not installed (the charts need it)"
  exit 77
fi

work=$(mktemp -d /tmp/nps-browser.XXXXXX) || exit 1
trap '[[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

cd "$root" || exit 1
"$prog" report docs/examples/responses.csv --by channel --date date \
  --period month -o "$work/report.html" 2>"$work/nps.err" ||
  { cat "$work/nps.err"; bad "nps-stat report failed"; exit 1; }
url="file://$work/report.html"

# A private profile, no first-run extras, no background fetching.
flags=(--headless --disable-gpu --no-sandbox --no-first-run
  --user-data-dir="$work/profile" --disable-extensions
  --disable-background-networking --disable-component-update
  --disable-sync --metrics-recording-only --no-default-browser-check)

timeout 120 "$chrome" "${flags[@]}" --enable-logging=stderr --v=0 \
  --log-net-log="$work/net.json" --dump-dom "$url" \
  >"$work/dom.html" 2>"$work/chrome.err"
[[ -s "$work/dom.html" ]] || bad "no DOM dumped (chromium failed?)"

# Console messages, script errors and blocked loads (Content-Security-Policy
# violations are console errors).
if grep -E 'CONSOLE|Uncaught|Refused to|Content Security Policy|ERR_' \
  "$work/chrome.err"; then
  bad "the browser reported errors while loading the page"
fi

# Every URL the browser asked for is the page itself, or one of Chromium's
# own background services (component updates, clock, accounts), which it
# contacts whatever the page (the network log names no initiator).
if [[ -s "$work/net.json" ]]; then
  others=$(grep -o '"url":"[^"]*"' "$work/net.json" | sort -u |
    grep -v -F "\"url\":\"$url\"" |
    grep -v -E '"url":"https?://([a-z0-9.-]+\.)?(google\.com|googleapis\.com|gvt1\.com)[/:"]' || true)
  [[ -z "$others" ]] || bad "network requests besides the page: $others"
else
  bad "no network log written"
fi
# And the page names nothing to load.
if grep -i -E '<(script|img|iframe|link|object|embed)\b|@import|url\((["'\'']?)(https?:|//)|src=' \
  "$work/report.html"; then
  bad "the page refers to something outside itself"
fi

# Both charts in the DOM, each with a positive width and height.
svgs=$(tr '\n' ' ' <"$work/dom.html" | grep -o '<svg [^>]*>')
count=$(printf '%s\n' "$svgs" | grep -c '<svg' || true)
[[ "$count" -eq 2 ]] || bad "expected 2 charts in the DOM, found $count"
while IFS= read -r tag; do
  [[ -z "$tag" ]] && continue
  w=$(sed -n 's/.* width="\([0-9.]*\)".*/\1/p' <<<"$tag")
  h=$(sed -n 's/.* height="\([0-9.]*\)".*/\1/p' <<<"$tag")
  awk -v w="${w:-0}" -v h="${h:-0}" 'BEGIN { exit !(w > 0 && h > 0) }' ||
    bad "a chart without a visible size: $tag"
done <<<"$svgs"
for section in headline segments trend methods provenance; do
  grep -q "<section id=\"$section\">" "$work/dom.html" ||
    bad "section $section missing from the DOM"
done

timeout 120 "$chrome" "${flags[@]}" --hide-scrollbars \
  --screenshot="$work/report.png" --window-size=1280,2400 "$url" \
  >/dev/null 2>&1
size=$(stat -c %s "$work/report.png" 2>/dev/null || echo 0)
[[ "$size" -gt 50000 ]] || bad "screenshot missing or blank ($size bytes)"
[[ -n "$keep" && $fail -eq 0 ]] && cp "$work/report.png" "$keep"

# Every section, the print theme, and the page printed to PDF.
"$prog" report docs/examples/responses.csv --by channel --date date \
  --competitors docs/examples/competitors.csv --theme print \
  -o "$work/full.html" 2>"$work/nps.err" ||
  { cat "$work/nps.err"; bad "nps-stat report (every section) failed"; }
"$prog" report docs/examples/pilot.csv --arm arm --arms control,pilot \
  --where wave=after --theme dark -o "$work/arm.html" 2>"$work/nps.err" ||
  { cat "$work/nps.err"; bad "nps-stat report --arm failed"; }
for page in full arm; do
  timeout 120 "$chrome" "${flags[@]}" --enable-logging=stderr --v=0 \
    --dump-dom "file://$work/$page.html" >"$work/$page.dom" \
    2>"$work/$page.err"
  if grep -E 'CONSOLE|Uncaught|Refused to|Content Security Policy|ERR_' \
    "$work/$page.err"; then
    bad "the browser reported errors while loading $page.html"
  fi
done
want=(headline segments trend benchmark methods provenance)
for section in "${want[@]}"; do
  grep -q "<section id=\"$section\">" "$work/full.dom" ||
    bad "section $section missing from the full page's DOM"
done
count=$(grep -o '<svg ' "$work/full.dom" | wc -l)
[[ "$count" -eq 3 ]] || bad "expected 3 charts in the full page, found $count"
grep -q '<section id="compare">' "$work/arm.dom" ||
  bad "the compare section missing from the --arm page's DOM"
count=$(grep -o '<svg ' "$work/arm.dom" | wc -l)
[[ "$count" -eq 1 ]] || bad "expected 1 chart in the --arm page, found $count"
timeout 120 "$chrome" "${flags[@]}" --no-pdf-header-footer \
  --print-to-pdf="$work/full.pdf" "file://$work/full.html" >/dev/null 2>&1
[[ "$(head -c 5 "$work/full.pdf" 2>/dev/null)" == "%PDF-" ]] ||
  bad "no PDF printed"
pages=$(grep -a -o '/Type /Page\b' "$work/full.pdf" 2>/dev/null | wc -l)
[[ "$pages" -ge 2 ]] || bad "the PDF has $pages pages, expected 2 or more"

[[ $fail -eq 0 ]] && echo "report/browser: ok"
exit $fail
