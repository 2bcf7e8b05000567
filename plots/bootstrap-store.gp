# Bootstrap distribution of one NPS, with its interval.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|bootstrap-store.png
|Bootstrap distribution of NPS
|docs/examples/responses.csv
|bootstrap percentile
|
|channel = store only
|
|channel = store only
EOD
txt(i) = $text[i][2:]

# Bins: 1 centre, 2 width (points), 3 % of replicates.
$bins << EOD
4.482758621 1.379310345 0.01
5.862068966 1.379310345 0
7.24137931 1.379310345 0.07
8.620689655 1.379310345 0.11
10 1.379310345 0.13
11.37931034 1.379310345 0.26
12.75862069 1.379310345 0.53
14.13793103 1.379310345 0.72
15.51724138 1.379310345 1.22
16.89655172 1.379310345 2.01
18.27586207 1.379310345 2.43
19.65517241 1.379310345 3.38
21.03448276 1.379310345 4.47
22.4137931 1.379310345 5.79
23.79310345 1.379310345 6.24
25.17241379 1.379310345 7.51
26.55172414 1.379310345 8.48
27.93103448 1.379310345 8.52
29.31034483 1.379310345 8.56
30.68965517 1.379310345 8.44
32.06896552 1.379310345 6.97
33.44827586 1.379310345 6.35
34.82758621 1.379310345 5.21
36.20689655 1.379310345 4.31
37.5862069 1.379310345 3.13
38.96551724 1.379310345 1.98
40.34482759 1.379310345 1.29
41.72413793 1.379310345 0.79
43.10344828 1.379310345 0.49
44.48275862 1.379310345 0.26
45.86206897 1.379310345 0.19
47.24137931 1.379310345 0.09
48.62068966 1.379310345 0.04
50 1.379310345 0.01
51.37931034 1.379310345 0
52.75862069 1.379310345 0
54.13793103 1.379310345 0
55.51724138 1.379310345 0
56.89655172 1.379310345 0.01
EOD

set terminal pngcairo size 900,570 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set label 1 txt(2) at screen 0.5, screen 0.9614 center font ',13'
set label 2 txt(6) at screen 0.5, screen 0.9228 center
set label 3 (txt(8) . ' (n = 145) · B = 10000 replicates' . ', seed 20240601') at screen 0.5, screen 0.8912 center
set label 4 ('90% interval' . ' [+17.2, +38.6]') at screen 0.5, screen 0.8596 center
set label 98 ('Method: ' . txt(4) . ' · B = 10000, seed 20240601') at screen 0.0133, screen 0.0526 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0133, screen 0.0263 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8105
set bmargin at screen 0.1719
set lmargin at screen 0.0889
set rmargin at screen 0.9667
set border 3 lc rgb '#444444'
unset key
set xrange [-0.5103448276:61.88965517]
set yrange [0:9.5872]
set xtics nomirror out
set ytics nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points)'
set ylabel 'replicates (%)'
set object 1 rect from first 17.24137931, graph 0 to first 38.62068966, graph 1 fc rgb '#fde9b5' fs solid 1.0 noborder behind
set arrow 1 from first 17.24137931, graph 0 to first 17.24137931, graph 1 nohead dt 2 lw 2 lc rgb '#8c510a' front
set label 11 'low +17.2' at first 17.24137931, first 8.132 right offset -0.5, 0
set arrow 2 from first 38.62068966, graph 0 to first 38.62068966, graph 1 nohead dt 2 lw 2 lc rgb '#8c510a' front
set label 12 'high +38.6' at first 38.62068966, first 8.132 left offset 0.5, 0
set arrow 3 from first 28.27586207, graph 0 to first 28.27586207, graph 1 nohead lw 2 lc rgb '#000000' front
set label 13 'estimate +28.3' at first 28.27586207, first 8.9024 left offset 0.6, 0 front
set style fill solid 1.0 border rgb '#26456e'
plot $bins using 1:3:2 with boxes fc rgb '#9ecae1' notitle
unset output
