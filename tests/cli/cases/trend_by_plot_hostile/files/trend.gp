# NPS per period with its interval band and control limits, in time order.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|trend.png
|NPS by month and segment
|hostile.csv
|Bayesian, Jeffreys Dirichlet prior
| · 0 outside
|
|
|`touch /tmp/nps-trend-backtick`
|first EOD system("touch /tmp/nps-trend-…
||touch /tmp/nps-trend-pipe
|EOD
|'); system('touch /tmp/nps-trend-sq'); …
EOD
txt(i) = $text[i][2:]

# Periods in time order: 1 x, 2 NPS, 3-4 interval, 5-6 control limits
# (points; NaN: none), 7 n (0: a gap), 8 mark (1 outside the limits,
# 2 below min n), 9 partial (1: the data do not cover it);
# the period's label follows '|'.
$rows << EOD
1 -16.66666667 -37.96517848 6.335115514 NaN NaN 60 0 1 |2025-01
2 -16.66666667 -37.96517848 6.335115514 NaN NaN 60 0 1 |2025-02
3 -16.66666667 -37.96517848 6.335115514 NaN NaN 60 0 1 |2025-03
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]

# Segment lines, one block each: 1 x, 2 NPS (points; NaN: a gap),
# 3 mark (2 below min n).
$lines << EOD
1 -16.66666667 0
2 -16.66666667 0
3 -16.66666667 0


1 -16.66666667 0
2 -16.66666667 0
3 -16.66666667 0


1 -16.66666667 0
2 -16.66666667 0
3 -16.66666667 0


1 -16.66666667 0
2 -16.66666667 0
3 -16.66666667 0


1 -16.66666667 0
2 -16.66666667 0
3 -16.66666667 0
EOD

set terminal pngcairo size 1096,572 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9615 center font ',13'
set label 2 ('3 periods, n = 180' . ' (n per period at the bottom)' . ' · ' . '95% intervals') at screen 0.5, screen 0.9231 center
set label 3 txt(5) at screen 0.5, screen 0.8916 center
set label 98 ('Method: ' . txt(4)) at screen 0.0109, screen 0.0524 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0109, screen 0.0262 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8077
set bmargin at screen 0.1958
set lmargin at screen 0.0730
set rmargin at screen 0.6296
set border 3 lc rgb '#444444'
set key at screen 0.6569, screen 0.8077 left top vertical Left reverse samplen 2 spacing 1.1
set xrange [0.5:3.5]
set yrange [-50:10]
set xtics scale 0 nomirror
set ytics -50, 10, 10 nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set ylabel 'NPS (points)'
tic(i) = (int(i) - 1) % 1 == 0 ? label(i) : ''
plot $rows using 1:3:4 with filledcurves fc rgb '#fde9b5' fs solid 1.0 title 'interval', \
     $rows using 1:5 with lines dt 2 lw 1.5 lc rgb '#a50f15' title 'control limits', \
     $rows using 1:6 with lines dt 2 lw 1.5 lc rgb '#a50f15' notitle, \
     $rows using 1:2 with linespoints lw 2 pt 7 ps 0.9 lc rgb '#26456e' title 'all answers', \
     $lines index 0 using 1:2 with linespoints lw 1.5 dt 1 pt 4 ps 0.6 lc rgb '#e6550d' title txt(8), \
     $lines index 1 using 1:2 with linespoints lw 1.5 dt 2 pt 5 ps 0.6 lc rgb '#31a354' title txt(9), \
     $lines index 2 using 1:2 with linespoints lw 1.5 dt 3 pt 6 ps 0.6 lc rgb '#756bb1' title txt(10), \
     $lines index 3 using 1:2 with linespoints lw 1.5 dt 4 pt 7 ps 0.6 lc rgb '#636363' title txt(11), \
     $lines index 4 using 1:2 with linespoints lw 1.5 dt 1 pt 8 ps 0.6 lc rgb '#3182bd' title txt(12), \
     $rows using 1:($9 == 1 ? $2 : NaN) with points pt 12 ps 2.2 lw 1.5 lc rgb '#26456e' title 'partial period', \
     $rows using 1:(-48.2):($7 > 0 ? sprintf('%d', $7) : 'gap'):xtic(tic($1)) with labels font ',8' tc rgb '#555555' notitle
unset multiplot
unset output
