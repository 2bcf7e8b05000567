# NPS by group with intervals, and the promoter / passive / detractor shares.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|segments-channel-type.png
|NPS by channel, customer_type: the segments differ (p < 0.001)
|docs/examples/responses.csv
|Bayesian, Jeffreys Dirichlet prior
|3 above, 3 below the rest (dark) · 4 small (faint)
|
|
EOD
txt(i) = $text[i][2:]

# Rows, highest NPS first, then the overall row: 1 line, 2 y, 3 NPS,
# 4-5 interval (points), 6 n, 7-9 % detractors, passives, promoters,
# 10-11 where the value is written and on which side; the label follows '|'.
# 12 the bar: 0 plain, 1 stands out (dark), 2 small base (faint).
$rows << EOD
1 19.5 36.54223969 29.54164113 43.11396413 509 19.05697446 25.34381139 55.59921415 43.11396413 1 1 |app / returning (n = 509)
2 18.5 31.57894737 -6.542824763 60.96156827 19 21.05263158 26.31578947 52.63157895 60.96156827 1 2 |store / business (n = 19, small base)
3 17.5 29.08366534 19.17583138 38.32492291 251 19.92031873 31.07569721 49.00398406 38.32492291 1 1 |app / new (n = 251)
4 16.5 29.06976744 12.27341193 44.00397813 86 18.60465116 33.72093023 47.6744186 44.00397813 1 2 |store / returning (n = 86, small base)
5 15.5 28.33333333 13.33252517 41.94499266 120 22.5 26.66666667 50.83333333 41.94499266 1 1 |app / business (n = 120)
6 14.5 25 -0.722790544 47.27067821 40 22.5 30 47.5 47.27067821 1 2 |store / new (n = 40, small base)
7 13.5 10.11673152 -0.3833821607 20.37872498 257 31.90661479 26.07003891 42.0233463 20.37872498 1 0 |web / new (n = 257)
8 12.5 7.407407407 -6.924204892 21.41249379 135 32.59259259 27.40740741 40 21.41249379 1 0 |web / business (n = 135)
9 11.5 5.142857143 -7.923093995 18.02749646 175 36.57142857 21.71428571 41.71428571 18.02749646 1 0 |email / new (n = 175)
10 10.5 4.225352113 -5.566671397 13.92867567 284 33.45070423 28.87323944 37.67605634 13.92867567 1 0 |email / returning (n = 284)
11 9.5 3.189066059 -4.662529517 10.9973441 439 33.71298405 29.38496583 36.90205011 10.9973441 1 0 |web / returning (n = 439)
12 8.5 1.265822785 -16.86007034 19.29932762 79 34.17721519 30.37974684 35.44303797 19.29932762 1 2 |email / business (n = 79, small base)
13 7.5 -3.2 -17.82115156 11.57282815 125 37.6 28 34.4 -17.82115156 -1 0 |chat / business (n = 125)
14 6.5 -6.222222222 -16.50590188 4.21764839 225 35.11111111 36 28.88888889 -16.50590188 -1 0 |chat / new (n = 225)
15 5.5 -8.205128205 -19.91412966 3.756065594 195 40.51282051 27.17948718 32.30769231 -19.91412966 -1 0 |phone / new (n = 195)
16 4.5 -8.735632184 -16.71613116 -0.6327133971 435 41.6091954 25.51724138 32.87356322 -16.71613116 -1 1 |chat / returning (n = 435)
17 3.5 -16.22911695 -24.30412403 -7.916168116 419 46.30071599 23.62768496 30.07159905 -24.30412403 -1 1 |phone / returning (n = 419)
18 2.5 -28.45528455 -41.9673469 -13.57556256 123 51.2195122 26.01626016 22.76422764 -41.9673469 -1 1 |phone / business (n = 123)
19 1 5.898876404 3.233022609 8.555592476 3916 33.35035751 27.40040858 39.24923391 8.555592476 1 0 |all (n = 3916)
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''
dotcol(m) = m == 1 ? 0x0b2545 : m == 2 ? 0xbfcde0 : 0x4f81bd

set terminal pngcairo size 1141,969 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9773 center font ',13'
set label 2 ('n = 3916 · ' . '95% intervals') at screen 0.5, screen 0.9546 center
set label 3 txt(5) at screen 0.5, screen 0.9360 center
set label 98 ('Method: ' . txt(4)) at screen 0.0105, screen 0.0310 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0105, screen 0.0155 left font ',8' tc rgb '#555555'
set object 11 rect from screen 0.6845, screen 0.8916 to screen 0.6968, screen 0.9019 fc rgb '#a50f15' fs solid 1.0 border rgb '#333333'
set label 11 'detractors 0–6' at screen 0.7012, screen 0.8968 left font ',9'
set object 12 rect from screen 0.7897, screen 0.8916 to screen 0.8020, screen 0.9019 fc rgb '#d9d9d9' fs solid 1.0 border rgb '#333333'
set label 12 'passives 7–8' at screen 0.8063, screen 0.8968 left font ',9'
set object 13 rect from screen 0.8843, screen 0.8916 to screen 0.8966, screen 0.9019 fc rgb '#41ab5d' fs solid 1.0 border rgb '#333333'
set label 13 'promoters 9–10' at screen 0.9010, screen 0.8968 left font ',9'
set tmargin at screen 0.8802
set bmargin at screen 0.1074
set lmargin at screen 0.2727
set rmargin at screen 0.6407
set border 3 lc rgb '#444444'
unset key
set yrange [0.4:20.1]
set ytics scale 0 nomirror
set xrange [-60:80]
set xtics -60, 20, 80 nomirror out
set grid xtics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points) with 95% intervals'
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#444444' lw 1 front
set arrow 2 from graph 0, first 1.75 to graph 1, first 1.75 nohead lc rgb '#999999' dt 2 lw 1
set arrow 3 from first 5.898876404, graph 0 to first 5.898876404, graph 1 nohead lc rgb '#26456e' dt 3 lw 1.5 back
plot $rows every ::0::17 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):(dotcol($12)):ytic(label($1)) \
       with xerrorbars pt 7 ps 1.3 lw 2 lc rgb variable notitle, \
     $rows every ::18::18 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):ytic(label($1)) \
       with xerrorbars pt 13 ps 1.6 lw 2 lc rgb '#111111' notitle, \
     $rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels left offset 0.7, 0 font ',9' notitle, \
     $rows using ($11 < 0 ? $10 : NaN):2:(points($3)) with labels right offset -0.7, 0 font ',9' notitle

# Shares of each category, in the same rows.
unset label
unset object
unset arrow
unset grid
unset ytics
set lmargin at screen 0.6845
set rmargin at screen 0.9737
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
