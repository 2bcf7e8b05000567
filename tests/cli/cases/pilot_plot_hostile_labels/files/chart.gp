# Difference in differences: NPS of each arm before and after, with intervals.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|chart.png
|Change in NPS, pilot vs control: +5.7 points (not significant, p = 0.80)
|standard input
|Bayesian, Jeffreys Dirichlet prior
|
|
|difference in differences: Wald z; bootstrap p = 0.795, B = 1000
|`touch pwned1`
|system("touch pwned2")
|EOD
|after'"
EOD
txt(i) = $text[i][2:]

# Control (block 0), then pilot (block 1), before and after: 1 x, 2 NPS,
# 3-4 interval (points), 5 n.
$rows << EOD
 0.94 3.333333333 -19.33701666 25.66229547 60
 1.94 -8.571428571 -28.25848677 11.84994621 70


 1.06 13.33333333 -10.51597087 35.78111838 60
 2.06 7.142857143 -13.06044858 26.73875027 70
EOD
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)

set terminal pngcairo size 860,564 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9610 center font ',13'
set label 2 ('DiD (' . txt(9) . ' change − ' . txt(8) . ' change) = +5.7 points' . ', 95% interval [-38.2, +49.6]' . ', p = 0.80') at screen 0.5, screen 0.9220 center
set label 3 ('n = 60, 70, 60, 70 · ' . '95% intervals') at screen 0.5, screen 0.8901 center
set label 98 ('Method: ' . txt(4) . ' · ' . txt(7)) at screen 0.0140, screen 0.0532 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0140, screen 0.0266 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8369
set bmargin at screen 0.1631
set lmargin at screen 0.0930
set rmargin at screen 0.9535
set border 3 lc rgb '#444444'
set key top left reverse Left samplen 3 spacing 1.2
set xrange [0.5:2.5]
set yrange [-40:50]
set xtics (txt(10) 1, txt(11) 2) scale 0 nomirror
set ytics -40, 10, 50 nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set ylabel 'NPS (points) with 95% intervals'
set xzeroaxis lt 1 lc rgb '#444444' lw 1
plot $rows index 0 using 1:2 with linespoints dt 2 lw 2 pt 7 ps 1 lc rgb '#7f7f7f' title txt(8), \
     $rows index 0 using 1:2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb '#7f7f7f' notitle, \
     $rows index 0 using 1:2:(points($2)) with labels right offset -1.2, 0 notitle, \
     $rows index 1 using 1:2 with linespoints dt 1 lw 2 pt 7 ps 1 lc rgb '#26456e' title txt(9), \
     $rows index 1 using 1:2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb '#26456e' notitle, \
     $rows index 1 using 1:2:(points($2)) with labels left offset 1.2, 0 notitle
unset multiplot
unset output
