#!/usr/bin/env bash
# Remakes the sample org's binary files in this folder from the sources in src/ with Debian's tools
# (see README.md): groff + Ghostscript for the PDFs, ImageMagick + exiftool for the pictures,
# espeak-ng + SoX for the voice note, ffmpeg for the video. Nothing is downloaded.
#   apt-get install groff ghostscript fonts-urw-base35 imagemagick libimage-exiftool-perl \
#     espeak-ng sox ffmpeg qpdf fonts-dejavu-core fonts-ipafont-gothic (and chromium)
#   bash sandbox/sample-files/make.sh && npm run samples
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$here/src
fonts=/usr/share/fonts/opentype/urw-base35
# Debian's ImageMagick, never a wrapper of the same name earlier on PATH.
convert=/usr/bin/convert
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fixed dates in the PDFs (Ghostscript honours SOURCE_DATE_EPOCH): 11 March 2026, 12:00 UTC.
export SOURCE_DATE_EPOCH=1773230400 TZ=UTC

# --- Documents: groff -ms with tbl, PostScript, then PDF with the fonts embedded (subsets) ---------

pdf_from_groff() { # name [more Ghostscript arguments, e.g. pages to append]
  local name=$1
  shift
  (cd "$src" && groff -Tps -k -t -ms -dpaper=a4 -P-pa4 "$name.ms") >"$work/$name.ps"
  # A relative output name: Ghostscript derives the document /ID from it (and the fixed date).
  (cd "$work" && gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dPDFSETTINGS=/prepress \
    -sPAPERSIZE=a4 -dCompatibilityLevel=1.5 -sOutputFile="$name.pdf" "$name.ps" "$@")
}

# Page 2 of the accident report: a printed form filled in by hand and scanned (150 dpi, greyscale
# JPEG, a little crooked and noisy), so one PDF page is an image without a text layer.
$convert -size 1240x1754 xc:white \
  -font "$fonts/NimbusSans-Bold.otf" -pointsize 34 -fill black -annotate +110+150 'Accident report CLM-1001 (page 2)' \
  -font "$fonts/NimbusSans-Regular.otf" -pointsize 24 \
  -annotate +110+205 'Sketch of the accident: roads, direction of travel, position of the vehicles at impact' \
  -fill none -stroke black -strokewidth 3 -draw 'rectangle 110,230 1130,930' \
  -stroke '#333' -strokewidth 4 -draw 'circle 560,560 560,420' -draw 'circle 560,560 560,500' \
  -draw 'line 130,520 420,520' -draw 'line 130,600 430,600' -draw 'line 700,520 1110,520' -draw 'line 690,600 1110,600' \
  -draw 'line 520,250 520,425' -draw 'line 600,250 600,425' -draw 'line 520,695 520,910' -draw 'line 600,695 600,910' \
  -stroke '#1a2a80' -strokewidth 5 -draw 'rectangle 760,535 860,585' -draw 'rectangle 900,535 1010,585' \
  -draw 'line 955,500 860,500' -draw 'line 860,500 880,488' -draw 'line 860,500 880,512' \
  -stroke none -fill '#1a2a80' -font "$fonts/Z003-MediumItalic.otf" -pointsize 46 -annotate +795+575 'A' -annotate +940+575 'B' \
  -pointsize 36 -annotate +700+480 'B reversed into A' -annotate +180+480 'from town centre' \
  -annotate +630+760 'to retail park' -annotate +140+820 'Station Road roundabout' -annotate +140+870 '11.3.26, 17:40' \
  -fill black -font "$fonts/NimbusSans-Bold.otf" -pointsize 28 -annotate +110+1010 'Witnesses' \
  -font "$fonts/NimbusSans-Regular.otf" -pointsize 24 -annotate +110+1060 'Name and address' -annotate +110+1150 'Telephone' \
  -stroke black -strokewidth 2 -draw 'line 330,1065 1130,1065' -draw 'line 330,1155 1130,1155' -stroke none \
  -fill '#1a2a80' -font "$fonts/Z003-MediumItalic.otf" -pointsize 42 \
  -annotate +350+1052 'J. Okafor, 3 Bus Station Row, Brookfield' -annotate +350+1142 '07700 900123' \
  -fill black -font "$fonts/NimbusSans-Bold.otf" -pointsize 28 -annotate +110+1260 'Signatures' \
  -font "$fonts/NimbusSans-Regular.otf" -pointsize 24 -annotate +110+1310 'Driver A' -annotate +640+1310 'Driver B' \
  -fill none -stroke black -strokewidth 2 -draw 'rectangle 110,1325 590,1480' -draw 'rectangle 640,1325 1130,1480' -stroke none \
  -fill '#1a2a80' -font "$fonts/Z003-MediumItalic.otf" -pointsize 64 -annotate +160+1430 'Dana Whitfield' -annotate +700+1425 'P. Gray' \
  -fill black -font "$fonts/NimbusSans-Regular.otf" -pointsize 20 \
  -annotate +110+1640 'Both drivers keep a copy. Do not alter this page after signing.' \
  -background white -rotate 0.6 -gravity center -extent 1240x1754 +gravity \
  -colorspace Gray -blur 0x0.6 -level 0%,94% -seed 1001 -attenuate 0.5 +noise Gaussian \
  -strip -quality 50 -sampling-factor 2x2 "$work/scan.jpg"

pdf_from_groff policy-document
pdf_from_groff accident-report --permit-file-read="$work/" -sScan="$work/scan.jpg" -dScanWidth=1240 \
  -dScanHeight=1754 "$src/scan-page.ps"
pdf_from_groff claim-form
pdf_from_groff old-invoice
pdf_from_groff transfer-receipt
pdf_from_groff statement
for name in policy-document accident-report claim-form old-invoice transfer-receipt statement; do
  cp "$work/$name.pdf" "$here/$name.pdf"
done

# --- PDFs for the viewer (issue 12): written by TypeScript, linearized or encrypted by qpdf ---------
# A 520-page handbook (contents page linking to chapters, an outline, a web link), linearized for
# range loading; a protected statement (user password in docs/sandbox.md, AES-256, so its bytes differ
# on every run: qpdf draws a random salt); an Arabic and Japanese letter printed by Chromium.
tsx=$here/../../node_modules/.bin/tsx
"$tsx" "$src/long-document.ts" handbook "$work/handbook.pdf"
qpdf --deterministic-id --linearize --object-streams=generate "$work/handbook.pdf" "$here/claims-handbook.pdf"
"$tsx" "$src/long-document.ts" statement "$work/statement-open.pdf"
qpdf --encrypt sandbox-pdf-2026 sandbox-owner-2026 256 -- "$work/statement-open.pdf" "$here/protected-statement.pdf"
"$tsx" "$src/multilingual.ts" "$here/multilingual-letter.pdf"

# --- Photos: a rendered street scene made photo-like (soft, noisy, vignetted), at phone sizes --------

scene() { # output paint-light paint-mid paint-dark damage.mvg
  local mvg
  mvg=$(sed -e "s/BODY_LIGHT/$2/; s/BODY_MID/$3/; s/BODY_DARK/$4/g" "$src/car-scene.mvg")
  $convert -size 3000x1500 xc:white -draw "$mvg" \
    -draw "$(sed -e "s|FONT_DIR|$fonts|" "$src/$5")" "$1"
}
scene "$work/red.png" '#e8574c' '#b0201c' '#6e0f0e' rear-damage.mvg
scene "$work/blue.png" '#5d86d6' '#2450a8' '#10285e' front-damage.mvg

# crop, resize to the sensor size, then what a phone camera adds: softness, noise, a vignette.
photo() { # input crop size output quality
  $convert "$1" -crop "$2" +repage -resize "$3!" -blur 0x1.2 \
    -seed 2026 -attenuate 0.35 +noise Gaussian \
    \( -size "$3" radial-gradient:white-'#9a9a9a' \) -compose Multiply -composite \
    -modulate 102,96 -strip -sampling-factor 2x2 -quality "$5" "$4"
}
camera_exif() { # file orientation time
  exiftool -q -overwrite_original -all= -JFIF:all= \
    -Make='Sandbox Phone' -Model='SP-1' -Software='SP-1 Camera 4.2' \
    -DateTimeOriginal="$3" -CreateDate="$3" -ModifyDate="$3" -OffsetTimeOriginal=+00:00 \
    -ExposureTime=1/250 -FNumber=1.8 -ISO=80 -FocalLength=4.3 -FocalLengthIn35mmFormat=26 \
    -ColorSpace=1 -ExifImageWidth=4032 -ExifImageHeight=3024 -Orientation="$2" -n "$1"
}

# The whole car, landscape, as the camera stores it (Orientation 1).
photo "$work/red.png" 2000x1500+500+0 4032x3024 "$here/damage-photo.jpg" 60
camera_exif "$here/damage-photo.jpg" 1 '2026:03:11 17:52:08'
# Closer to the rear damage, taken holding the phone upright: the sensor stores it landscape,
# turned a quarter left, and EXIF Orientation 6 tells viewers to turn it a quarter right.
photo "$work/red.png" 1125x1500+480+0 3024x4032 "$work/upright.png" 95
$convert "$work/upright.png" -rotate -90 -strip -sampling-factor 2x2 -quality 60 "$here/damage-photo-sideways.jpg"
camera_exif "$here/damage-photo-sideways.jpg" 6 '2026:03:11 17:52:31'
# Another customer's car (CLM-1002) as a messaging app forwards it: resized, EXIF removed.
photo "$work/blue.png" 1500x1125+1500+375 1600x1200 "$here/damage-front.jpg" 60

# A towing receipt on a table, 1200x1600, as a messaging app forwards a phone photo.
$convert -size 1200x1600 gradient:'#8c7359'-'#5b4632' -seed 7 -attenuate 3 +noise Gaussian \
  -motion-blur 0x40+80 -blur 0x1 \
  \( -size 760x1180 xc:'#f7f4ec' -font "$fonts/NimbusMonoPS-Bold.otf" -fill '#2a2a2a' -pointsize 46 \
  -annotate +60+110 'BROOKFIELD RECOVERY' -font "$fonts/NimbusMonoPS-Regular.otf" -pointsize 32 \
  -annotate +60+170 '24h towing - 01632 960 555' -annotate +60+260 'Date   11/03/2026 18:35' \
  -annotate +60+310 'Reg    SB19 XYZ' -annotate +60+360 'Ref    CLM-1001' \
  -annotate +60+460 'TOWING            90.00' -annotate +60+510 'STORAGE (1 day)   35.00' \
  -annotate +60+580 '------------------------' -font "$fonts/NimbusMonoPS-Bold.otf" \
  -annotate +60+640 'TOTAL GBP        125.00' -font "$fonts/NimbusMonoPS-Regular.otf" \
  -annotate +60+740 'Paid by card  **** 4821' -annotate +60+860 'Thank you - drive safely' \
  -background none -rotate -4 \) -geometry +200+170 -composite \
  -blur 0x1 -seed 12 -attenuate 0.4 +noise Gaussian \
  \( -size 1200x1600 radial-gradient:white-'#8c8c8c' \) -compose Multiply -composite \
  -strip -sampling-factor 2x2 -quality 60 "$here/receipt.jpg"

# --- Pictures: PNG (8-bit RGB, no metadata) ---------------------------------------------------------

png() { # ImageMagick arguments... output
  $convert "${@:1:$#-1}" -strip -define png:compression-level=9 "PNG24:${*: -1}"
}

# The agent's repair guide.
png -size 800x1000 xc:white -fill '#1f4fa0' -draw 'rectangle 0,0 800,150' \
  -font "$fonts/NimbusSans-Bold.otf" -fill white -pointsize 54 -annotate +50+95 'Getting your car repaired' \
  -fill '#1f4fa0' -draw 'circle 105,285 105,235' -draw 'circle 105,525 105,475' -draw 'circle 105,765 105,715' \
  -fill white -pointsize 56 -annotate +88+305 '1' -annotate +88+545 '2' -annotate +88+785 '3' \
  -fill '#1b1f27' -pointsize 40 -annotate +190+275 'Send photos' -annotate +190+515 'Send the estimate' \
  -annotate +190+755 'Book the garage' \
  -font "$fonts/NimbusSans-Regular.otf" -fill '#4a505c' -pointsize 28 \
  -annotate +190+320 'Every damaged part, and each side' -annotate +190+560 'Or let an approved garage send it' \
  -annotate +190+800 'We arrange a courtesy car' \
  -fill '#e8edf6' -draw 'rectangle 0,900 800,1000' -fill '#1f4fa0' -pointsize 26 \
  -annotate +50+960 'Sandbox Insurance claims: 0800 555 0100' "$here/repair-guide.png"

# The logo in the customer's email signature (her employer).
png -size 240x80 xc:'#233b6e' -fill '#f2b632' -draw 'polygon 18,62 40,18 62,62' \
  -font "$fonts/NimbusSans-Bold.otf" -fill white -pointsize 30 -annotate +74+45 'ACME' \
  -font "$fonts/NimbusSans-Regular.otf" -pointsize 14 -annotate +76+64 'LOGISTICS' "$here/logo.png"

# A screenshot of the garage's invoice, sent as "invoice.pdf" (the extension and the declared type lie).
png -size 720x900 xc:'#fbfbfb' -fill '#333a44' -draw 'rectangle 0,0 720,64' \
  -font "$fonts/NimbusSans-Regular.otf" -fill white -pointsize 24 -annotate +24+42 'portal.stationroadgarage.example' \
  -font "$fonts/NimbusSans-Bold.otf" -fill '#1b1f27' -pointsize 44 -annotate +40+150 'INVOICE 4471' \
  -font "$fonts/NimbusSans-Regular.otf" -pointsize 24 -annotate +40+200 'Station Road Garage - 12 March 2026' \
  -annotate +40+280 'Rear bumper, painted' -annotate +560+280 '420.00' \
  -annotate +40+330 'Tail light (2)' -annotate +560+330 '171.00' \
  -annotate +40+380 'Labour, 3.5 hours' -annotate +560+380 '210.00' \
  -fill '#c9ced6' -draw 'rectangle 40,410 680,412' -fill '#1b1f27' -font "$fonts/NimbusSans-Bold.otf" \
  -annotate +40+460 'Total' -annotate +560+460 '801.00' \
  -font "$fonts/NimbusSans-Regular.otf" -fill '#6a717c' -pointsize 20 \
  -annotate +40+540 'Claim CLM-1001 - payable by Sandbox Insurance less the excess' "$here/invoice-screenshot.png"

# --- Voice note: espeak-ng, then SoX makes it sound like a phone in a street (16-bit mono WAV) ------

espeak-ng -v en-gb+f3 -s 158 -p 55 -w "$work/speech.wav" \
  "Hi, it's Dana Whitfield, about claim one zero zero one. I'm sending you the photos and a video of the car now. Could you call me back after five? Thanks."
sox -R "$work/speech.wav" -r 8000 "$work/speech-8k.wav" highpass 200 lowpass 3400 pad 0.4 0.6
seconds=$(soxi -D "$work/speech-8k.wav")
sox -R -n -r 8000 -c 1 "$work/street.wav" synth "$seconds" brownnoise lowpass 800 vol 0.04
sox -R -m "$work/speech-8k.wav" "$work/street.wav" -b 16 "$here/voice-note.wav" gain -n -3 fade t 0.05 0 0.1 dither -s

# --- Video: a walk along the car (a pan with hand shake over the red car's scene), VP8 + Opus WebM --

sox -R -n -r 48000 -c 1 "$work/ambience.wav" synth 4 brownnoise lowpass 1200 vol 0.2
ffmpeg -hide_banner -loglevel error -y -loop 1 -framerate 24 -i "$work/red.png" -i "$work/ambience.wav" \
  -filter_complex "[0:v]crop=w=1280:h=720:x='160+1400*t/4+10*sin(6*t)':y='560+8*sin(4.3*t+1)',scale=640:360,noise=alls=8:allf=t:all_seed=1001,format=yuv420p[v]" \
  -map '[v]' -map 1:a -t 4 -c:v libvpx -b:v 360k -crf 20 -g 48 -auto-alt-ref 0 -threads 1 \
  -c:a libopus -b:a 24k -ac 1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 \
  "$here/walkaround.webm"

ls -l "$here" | grep -v -e ' src$' -e 'README.md' -e 'make.sh'
