# NPS per period with its interval band and control limits, in time order.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|trend-channel-quarter.png
|NPS by quarter and channel
|docs/examples/responses.csv
|Bayesian, Jeffreys Dirichlet prior
|trend +3.9/quarter, +11.8 over 3 quarters (p = 0.001) · ±3 SE limits · 0 outside
|
|
|app
|web
|phone
|email
|chat
|store
EOD
txt(i) = $text[i][2:]

# Periods in time order: 1 x, 2 NPS, 3-4 interval, 5-6 control limits
# (points; NaN: none), 7 n (0: a gap), 8 mark (1 outside the limits,
# 2 below min n), 9 partial (1: the data do not cover it);
# the period's label follows '|'.
$rows << EOD
1 -2.065217391 -7.558453886 3.441622742 -2.508319116 14.30607192 920 0 0 |2025-Q1
2 8.257804632 2.976381421 13.48899871 -2.193394944 13.99114775 993 0 0 |2025-Q2
3 4.06504065 -1.293108631 9.398029279 -2.230318047 14.02807086 984 0 0 |2025-Q3
4 12.56133464 7.384896954 17.66364289 -2.089489866 13.88724268 1019 0 0 |2025-Q4
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]

# Segment lines, one block each: 1 x, 2 NPS (points; NaN: a gap),
# 3 mark (2 below min n).
$lines << EOD
1 23.28767123 0
2 37.33333333 0
3 36.98630137 0
4 35.48387097 0


1 -10 0
2 8.095238095 0
3 2.727272727 0
4 21.80094787 0


1 -25.94936709 0
2 -10.58201058 0
3 -16.09195402 0
4 -13.88888889 0


1 0 0
2 -10.9375 0
3 0.7692307692 0
4 21.875 0


1 -9.230769231 0
2 -0.4926108374 0
3 -9.478672986 0
4 -9.659090909 0


1 21.05263158 0
2 42.10526316 0
3 0 0
4 43.58974359 0
EOD

set terminal pngcairo size 904,572 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9615 center font ',13'
set label 2 ('4 periods, n = 3916' . ' (n per period at the bottom)' . ' · ' . '95% intervals') at screen 0.5, screen 0.9231 center
set label 3 txt(5) at screen 0.5, screen 0.8916 center
set label 98 ('Method: ' . txt(4)) at screen 0.0133, screen 0.0524 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0133, screen 0.0262 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8077
set bmargin at screen 0.1958
set lmargin at screen 0.0885
set rmargin at screen 0.7636
set border 3 lc rgb '#444444'
set key at screen 0.7968, screen 0.8077 left top vertical Left reverse samplen 2 spacing 1.1
set xrange [0.5:4.5]
set yrange [-40:50]
set xtics scale 0 nomirror
set ytics -40, 10, 50 nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set ylabel 'NPS (points)'
tic(i) = (int(i) - 1) % 1 == 0 ? label(i) : ''
plot $rows using 1:3:4 with filledcurves fc rgb '#fde9b5' fs solid 1.0 title 'interval', \
     $rows using 1:5 with lines dt 2 lw 1.5 lc rgb '#a50f15' title 'control limits', \
     $rows using 1:6 with lines dt 2 lw 1.5 lc rgb '#a50f15' notitle, \
     $rows using 1:(5.898876404) with lines dt 3 lw 1 lc rgb '#7f7f7f' title 'center', \
     $rows using 1:2 with linespoints lw 2 pt 7 ps 0.9 lc rgb '#26456e' title 'all answers', \
     $lines index 0 using 1:2 with linespoints lw 1.5 dt 1 pt 4 ps 0.6 lc rgb '#e6550d' title txt(8), \
     $lines index 1 using 1:2 with linespoints lw 1.5 dt 2 pt 5 ps 0.6 lc rgb '#31a354' title txt(9), \
     $lines index 2 using 1:2 with linespoints lw 1.5 dt 3 pt 6 ps 0.6 lc rgb '#756bb1' title txt(10), \
     $lines index 3 using 1:2 with linespoints lw 1.5 dt 4 pt 7 ps 0.6 lc rgb '#636363' title txt(11), \
     $lines index 4 using 1:2 with linespoints lw 1.5 dt 1 pt 8 ps 0.6 lc rgb '#3182bd' title txt(12), \
     $lines index 5 using 1:2 with linespoints lw 1.5 dt 2 pt 9 ps 0.6 lc rgb '#d6616b' title txt(13), \
     $rows using 1:(-37.3):($7 > 0 ? sprintf('%d', $7) : 'gap'):xtic(tic($1)) with labels font ',8' tc rgb '#555555' notitle
unset multiplot
unset output
