# NPS per period with its interval band and control limits, in time order.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|trend-month.png
|NPS by month
|docs/examples/responses.csv
|Bayesian, Jeffreys Dirichlet prior
|trend +1.3/month, +14.0 over 11 months (p = 0.001) · ±3 SE limits · 0 outside
|
|
EOD
txt(i) = $text[i][2:]

# Periods in time order: 1 x, 2 NPS, 3-4 interval, 5-6 control limits
# (points; NaN: none), 7 n (0: a gap), 8 mark (1 outside the limits,
# 2 below min n), 9 partial (1: the data do not cover it);
# the period's label follows '|'.
$rows << EOD
1 -1.257861635 -10.59030193 8.098454593 -8.400974234 20.19872704 318 0 0 |2025-01
2 -5.494505495 -15.38699189 4.518125607 -9.534599128 21.33235194 273 0 0 |2025-02
3 0 -9.226713747 9.226713747 -8.159886679 19.95763949 329 0 0 |2025-03
4 8.547008547 -0.3447566831 17.29236952 -7.712169637 19.50992245 351 0 0 |2025-04
5 8.982035928 -0.06205323706 17.8656268 -8.054259615 19.85201242 334 0 0 |2025-05
6 7.142857143 -2.416008028 16.56154093 -8.631260391 20.4290132 308 0 0 |2025-06
7 2.034883721 -7.250385098 11.28350604 -7.849956695 19.6477095 344 0 0 |2025-07
8 6.481481481 -2.745054369 15.58808405 -8.267949476 20.06570229 324 0 0 |2025-08
9 3.797468354 -5.470542887 12.99387114 -8.446155549 20.24390836 316 0 0 |2025-09
10 13.36898396 4.887306575 21.63846017 -7.28700788 19.08476069 374 0 0 |2025-10
11 6.289308176 -2.845118044 15.30723839 -8.400974234 20.19872704 318 0 0 |2025-11
12 17.73700306 8.370266616 26.77233113 -8.202814299 20.00056711 327 0 0 |2025-12
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]

set terminal pngcairo size 852,572 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9615 center font ',13'
set label 2 ('12 periods, n = 3916' . ' (n per period at the bottom)' . ' · ' . '95% intervals') at screen 0.5, screen 0.9231 center
set label 3 txt(5) at screen 0.5, screen 0.8916 center
set label 98 ('Method: ' . txt(4)) at screen 0.0141, screen 0.0524 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0141, screen 0.0262 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8077
set bmargin at screen 0.1958
set lmargin at screen 0.0939
set rmargin at screen 0.9648
set border 3 lc rgb '#444444'
set key at screen 0.5, screen 0.8531 center top horizontal samplen 2 width 1
set xrange [0.5:12.5]
set yrange [-25:30]
set xtics scale 0 nomirror
set ytics -25, 5, 30 nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set ylabel 'NPS (points)'
tic(i) = (int(i) - 1) % 1 == 0 ? label(i) : ''
plot $rows using 1:3:4 with filledcurves fc rgb '#fde9b5' fs solid 1.0 title 'interval', \
     $rows using 1:5 with lines dt 2 lw 1.5 lc rgb '#a50f15' title 'control limits', \
     $rows using 1:6 with lines dt 2 lw 1.5 lc rgb '#a50f15' notitle, \
     $rows using 1:(5.898876404) with lines dt 3 lw 1 lc rgb '#7f7f7f' title 'center', \
     $rows using 1:2 with linespoints lw 2 pt 7 ps 0.9 lc rgb '#26456e' title 'NPS', \
     $rows using 1:(-23.35):($7 > 0 ? sprintf('%d', $7) : 'gap'):xtic(tic($1)) with labels font ',8' tc rgb '#555555' notitle
unset multiplot
unset output
