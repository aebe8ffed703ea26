#!/usr/bin/env bash
# Chinese share cards (estimator/card.py, lang=zh-Hans / zh-Hant) are drawn with Noto Sans CJK:
# Debian's fonts-noto-cjk (SIL Open Font License 1.1), one collection holding the Simplified (SC)
# and Traditional (TC) faces. Install it when missing; a no-op when present. Without it the PNG
# cards are drawn in English (with a logged warning) and the font tests skip — except on CI.
set -u
font=NotoSansCJK-Regular.ttc
for dir in /usr/share/fonts/opentype/noto /usr/share/fonts/noto-cjk /usr/share/fonts/google-noto-cjk; do
  if [ -f "$dir/$font" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      fonts-noto-cjk >/dev/null) \
    || echo "warning: could not install fonts-noto-cjk; Chinese PNG cards will be drawn in English" >&2
else
  echo "warning: Noto Sans CJK missing and cannot apt-get install it (as root: apt-get install fonts-noto-cjk);" \
       "Chinese PNG cards will be drawn in English" >&2
fi
exit 0
