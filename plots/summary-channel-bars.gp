# NPS by group with intervals, and the promoter / passive / detractor shares.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|summary-channel-bars.png
|NPS by channel
|docs/examples/responses.csv
|Bayesian, Jeffreys Dirichlet prior
|
|without channel = chat
|
EOD
txt(i) = $text[i][2:]

# Rows, highest NPS first, then the overall row: 1 line, 2 y, 3 NPS,
# 4-5 interval (points), 6 n, 7-9 % detractors, passives, promoters,
# 10-11 where the value is written and on which side; the label follows '|'.
$rows << EOD
1 6.5 33.29545455 27.99811388 38.36815259 880 19.77272727 27.15909091 53.06818182 38.36815259 1 |app (n = 880)
2 5.5 28.27586207 15.18649909 40.2566235 145 20 31.72413793 48.27586207 40.2566235 1 |store (n = 145)
3 4.5 6.016847172 0.2517714547 11.73828041 831 32.9723225 28.03850782 38.98916968 11.73828041 1 |web (n = 831)
4 3.5 4.089219331 -3.137466808 11.2698073 538 34.57249071 26.76579926 38.66171004 11.2698073 1 |email (n = 538)
5 2.5 -16.14654003 -22.21188277 -9.947254097 737 45.59023066 24.9660787 29.44369064 -22.21188277 -1 |phone (n = 737)
6 1 9.166400511 6.183823777 12.13119494 3131 31.90673906 27.02012137 41.07313957 12.13119494 1 |without channel = chat (n = 3131)
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''

set terminal pngcairo size 1280,720 fontscale 1.159 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9536 center font ',13'
set label 2 txt(6) at screen 0.5, screen 0.9073 center
set label 3 ('n = 3131 · ' . '95% intervals') at screen 0.5, screen 0.8694 center
set label 98 ('Method: ' . txt(4)) at screen 0.0109, screen 0.0632 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0109, screen 0.0316 left font ',8' tc rgb '#555555'
set object 11 rect from screen 0.6740, screen 0.7788 to screen 0.6867, screen 0.7998 fc rgb '#a50f15' fs solid 1.0 border rgb '#333333'
set label 11 'detractors 0–6' at screen 0.6912, screen 0.7893 left font ',9'
set object 12 rect from screen 0.7826, screen 0.7788 to screen 0.7953, screen 0.7998 fc rgb '#d9d9d9' fs solid 1.0 border rgb '#333333'
set label 12 'passives 7–8' at screen 0.7999, screen 0.7893 left font ',9'
set object 13 rect from screen 0.8805, screen 0.7788 to screen 0.8931, screen 0.7998 fc rgb '#41ab5d' fs solid 1.0 border rgb '#333333'
set label 13 'promoters 9–10' at screen 0.8977, screen 0.7893 left font ',9'
set tmargin at screen 0.7556
set bmargin at screen 0.2191
set lmargin at screen 0.2483
set rmargin at screen 0.6287
set border 3 lc rgb '#444444'
unset key
set yrange [0.4:7.1]
set ytics scale 0 nomirror
set xrange [-40:60]
set xtics -40, 10, 60 nomirror out
set grid xtics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points) with 95% intervals'
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#444444' lw 1 front
set arrow 2 from graph 0, first 1.75 to graph 1, first 1.75 nohead lc rgb '#999999' dt 2 lw 1
set style fill solid 1.0 border rgb '#26456e'
plot $rows every ::0::4 using 3:2:(0):3:($2 - 0.32):($2 + 0.32):ytic(label($1)) \
       with boxxyerror fc rgb '#7ba7d7' notitle, \
     $rows every ::5::5 using 3:2:(0):3:($2 - 0.32):($2 + 0.32):ytic(label($1)) \
       with boxxyerror fc rgb '#26456e' fs pattern 6 border rgb '#26456e' notitle, \
     $rows using 3:2:4:5 with xerrorbars pt 7 ps 0.5 lw 1.5 lc rgb '#000000' notitle, \
     $rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels left offset 0.7, 0 font ',9' notitle, \
     $rows using ($11 < 0 ? $10 : NaN):2:(points($3)) with labels right offset -0.7, 0 font ',9' notitle

# Shares of each category, in the same rows.
unset label
unset object
unset arrow
unset grid
unset ytics
set lmargin at screen 0.6740
set rmargin at screen 0.9728
set xrange [0:100]
set xtics 0, 20, 100 nomirror out
set xlabel 'share of answers (%)'
set style fill solid 1.0 border rgb '#333333'
plot $rows using (0):2:(0):7:($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#a50f15' notitle, \
     $rows using (0):2:7:($7 + $8):($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#d9d9d9' notitle, \
     $rows using (0):2:($7 + $8):(100):($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#41ab5d' notitle, \
     $rows using ($7 / 2):2:(percent($7)) with labels tc rgb '#ffffff' font ',9' notitle, \
     $rows using ($7 + $8 / 2):2:(percent($8)) with labels font ',9' notitle, \
     $rows using ($7 + $8 + $9 / 2):2:(percent($9)) with labels font ',9' notitle
unset multiplot
unset output
