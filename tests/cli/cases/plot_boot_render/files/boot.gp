# Bootstrap distribution of one NPS, with its interval.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|boot.svg
|Bootstrap distribution of NPS
|counts.csv
|bootstrap percentile
|
|
|
|all responses
EOD
txt(i) = $text[i][2:]

# Bins: 1 centre, 2 width (points), 3 % of replicates.
$bins << EOD
3.25 0.4 0.05
3.65 0.4 0
4.05 0.4 0.05
4.45 0.4 0.05
4.85 0.4 0.15
5.25 0.4 0.1
5.65 0.4 0.1
6.05 0.4 0.35
6.45 0.4 0.55
6.85 0.4 0.55
7.25 0.4 0.65
7.65 0.4 1
8.05 0.4 1.35
8.45 0.4 2.05
8.85 0.4 2.2
9.25 0.4 2.25
9.65 0.4 3.85
10.05 0.4 4.45
10.45 0.4 4.6
10.85 0.4 5
11.25 0.4 5.35
11.65 0.4 5.55
12.05 0.4 5.65
12.45 0.4 5.15
12.85 0.4 6.25
13.25 0.4 6.65
13.65 0.4 6.5
14.05 0.4 4.75
14.45 0.4 4.25
14.85 0.4 4.05
15.25 0.4 3.6
15.65 0.4 2.6
16.05 0.4 2.7
16.45 0.4 2.3
16.85 0.4 1.75
17.25 0.4 1.1
17.65 0.4 0.9
18.05 0.4 0.55
18.45 0.4 0.4
18.85 0.4 0.25
19.25 0.4 0.1
19.65 0.4 0.1
20.05 0.4 0.1
20.45 0.4 0.05
EOD

set terminal svg size 900,552 fontscale 1.25 font 'DejaVu Sans,10' noenhanced background rgb 'white'
set output txt(1)

set label 1 txt(2) at screen 0.5, screen 0.9601 center font ',13'
set label 2 (txt(8) . ' (n = 1000) · B = 2000 replicates' . ', seed 7') at screen 0.5, screen 0.9203 center
set label 3 ('95% interval' . ' [+7.4, +17.4]') at screen 0.5, screen 0.8877 center
set label 98 ('Method: ' . txt(4) . ' · B = 2000, seed 7') at screen 0.0133, screen 0.0543 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0133, screen 0.0272 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8370
set bmargin at screen 0.1775
set lmargin at screen 0.0889
set rmargin at screen 0.9667
set border 3 lc rgb '#444444'
unset key
set xrange [1.642:22.058]
set yrange [0:7.448]
set xtics nomirror out
set ytics nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points)'
set ylabel 'replicates (%)'
set object 1 rect from first 7.4, graph 0 to first 17.4, graph 1 fc rgb '#fde9b5' fs solid 1.0 noborder behind
set arrow 1 from first 7.4, graph 0 to first 7.4, graph 1 nohead dt 2 lw 2 lc rgb '#8c510a' front
set label 11 'low +7.4' at first 7.4, first 6.3175 right offset -0.5, 0
set arrow 2 from first 17.4, graph 0 to first 17.4, graph 1 nohead dt 2 lw 2 lc rgb '#8c510a' front
set label 12 'high +17.4' at first 17.4, first 6.3175 left offset 0.5, 0
set arrow 3 from first 12.5, graph 0 to first 12.5, graph 1 nohead lw 2 lc rgb '#000000' front
set label 13 'estimate +12.5' at first 12.5, first 6.916 left offset 0.6, 0 front
set style fill solid 1.0 border rgb '#26456e'
plot $bins using 1:3:2 with boxes fc rgb '#9ecae1' notitle
unset output
