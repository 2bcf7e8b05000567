# NPS by group with intervals, and the promoter / passive / detractor shares.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|chart.pdf
|NPS
|basic.csv
|Bayesian, Jeffreys Dirichlet prior
|
|
|
EOD
txt(i) = $text[i][2:]

# Rows, highest NPS first, then the overall row: 1 line, 2 y, 3 NPS,
# 4-5 interval (points), 6 n, 7-9 % detractors, passives, promoters,
# 10-11 where the value is written and on which side; the label follows '|'.
$rows << EOD
1 1 25 -31.76573514 67.5260411 8 25 25 50 67.5260411 1 |all responses (n = 8)
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''
dotcol(m) = m == 1 ? 0x0b2545 : m == 2 ? 0xbfcde0 : 0x4f81bd

set terminal pdfcairo size 14.10in,4.19in fontscale 1 linewidth 2 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9272 center font ',13'
set label 2 ('n = 8 · ' . '95% intervals') at screen 0.5, screen 0.8543 center
set label 98 ('Method: ' . txt(4)) at screen 0.0118, screen 0.0993 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0118, screen 0.0497 left font ',8' tc rgb '#555555'
set object 11 rect from screen 0.6455, screen 0.7119 to screen 0.6592, screen 0.7450 fc rgb '#a50f15' fs solid 1.0 border rgb '#333333'
set label 11 'detractors 0–6' at screen 0.6642, screen 0.7285 left font ',9'
set object 12 rect from screen 0.7636, screen 0.7119 to screen 0.7774, screen 0.7450 fc rgb '#d9d9d9' fs solid 1.0 border rgb '#333333'
set label 12 'passives 7–8' at screen 0.7824, screen 0.7285 left font ',9'
set object 13 rect from screen 0.8700, screen 0.7119 to screen 0.8838, screen 0.7450 fc rgb '#41ab5d' fs solid 1.0 border rgb '#333333'
set label 13 'promoters 9–10' at screen 0.8887, screen 0.7285 left font ',9'
set tmargin at screen 0.6755
set bmargin at screen 0.3444
set lmargin at screen 0.1826
set rmargin at screen 0.5962
set border 3 lc rgb '#444444'
unset key
set yrange [0.4:2.1]
set ytics scale 0 nomirror
set xrange [-40:100]
set xtics -40, 20, 100 nomirror out
set grid xtics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points) with 95% intervals'
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#444444' lw 1 front
set arrow 3 from first 25, graph 0 to first 25, graph 1 nohead lc rgb '#26456e' dt 3 lw 1.5 back
plot $rows every ::0::0 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):ytic(label($1)) \
       with xerrorbars pt 13 ps 1.6 lw 2 lc rgb '#111111' notitle, \
     $rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels left offset 0.7, 0 font ',9' notitle

# Shares of each category, in the same rows.
unset label
unset object
unset arrow
unset grid
unset ytics
set lmargin at screen 0.6455
set rmargin at screen 0.9705
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
