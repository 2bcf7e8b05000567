# Bootstrap distribution of one NPS, with its interval.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|bootstrap-overall.png
|Bootstrap distribution of NPS
|docs/examples/responses.csv
|bootstrap BCa
|
|
|
|all responses
EOD
txt(i) = $text[i][2:]

# Bins: 1 centre, 2 width (points), 3 % of replicates.
$bins << EOD
1.03421859 0.2553626149 0.01
1.289581205 0.2553626149 0
1.54494382 0.2553626149 0.05
1.800306435 0.2553626149 0.05
2.05566905 0.2553626149 0.14
2.311031665 0.2553626149 0.22
2.56639428 0.2553626149 0.37
2.821756895 0.2553626149 0.57
3.07711951 0.2553626149 0.78
3.332482125 0.2553626149 1.11
3.58784474 0.2553626149 1.84
3.843207354 0.2553626149 2.48
4.098569969 0.2553626149 3.3
4.353932584 0.2553626149 3.99
4.609295199 0.2553626149 4.69
4.864657814 0.2553626149 5.59
5.120020429 0.2553626149 6.55
5.375383044 0.2553626149 6.78
5.630745659 0.2553626149 7.12
5.886108274 0.2553626149 7.14
6.141470889 0.2553626149 7.26
6.396833504 0.2553626149 6.9
6.652196118 0.2553626149 6.63
6.907558733 0.2553626149 5.91
7.162921348 0.2553626149 4.8
7.418283963 0.2553626149 4.12
7.673646578 0.2553626149 3.21
7.929009193 0.2553626149 2.45
8.184371808 0.2553626149 1.94
8.439734423 0.2553626149 1.39
8.695097038 0.2553626149 1.14
8.950459653 0.2553626149 0.58
9.205822268 0.2553626149 0.42
9.461184883 0.2553626149 0.16
9.716547497 0.2553626149 0.14
9.971910112 0.2553626149 0.07
10.22727273 0.2553626149 0.06
10.48263534 0.2553626149 0.03
10.73799796 0.2553626149 0.01
EOD

set terminal pngcairo size 900,552 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set label 1 txt(2) at screen 0.5, screen 0.9601 center font ',13'
set label 2 (txt(8) . ' (n = 3916) · B = 10000 replicates' . ', seed 20240601') at screen 0.5, screen 0.9203 center
set label 3 ('95% interval' . ' [+3.3, +8.6]') at screen 0.5, screen 0.8877 center
set label 98 ('Method: ' . txt(4) . ' · B = 10000, seed 20240601') at screen 0.0133, screen 0.0543 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0133, screen 0.0272 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8370
set bmargin at screen 0.1775
set lmargin at screen 0.0889
set rmargin at screen 0.9667
set border 3 lc rgb '#444444'
unset key
set xrange [0.1098059244:11.66241062]
set yrange [0:8.1312]
set xtics nomirror out
set ytics nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points)'
set ylabel 'replicates (%)'
set object 1 rect from first 3.268641471, graph 0 to first 8.5546476, graph 1 fc rgb '#fde9b5' fs solid 1.0 noborder behind
set arrow 1 from first 3.268641471, graph 0 to first 3.268641471, graph 1 nohead dt 2 lw 2 lc rgb '#8c510a' front
set label 11 'low +3.3' at first 3.268641471, first 6.897 right offset -0.5, 0
set arrow 2 from first 8.5546476, graph 0 to first 8.5546476, graph 1 nohead dt 2 lw 2 lc rgb '#8c510a' front
set label 12 'high +8.6' at first 8.5546476, first 6.897 left offset 0.5, 0
set arrow 3 from first 5.898876404, graph 0 to first 5.898876404, graph 1 nohead lw 2 lc rgb '#000000' front
set label 13 'estimate +5.9' at first 5.898876404, first 7.5504 left offset 0.6, 0 front
set style fill solid 1.0 border rgb '#26456e'
plot $bins using 1:3:2 with boxes fc rgb '#9ecae1' notitle
unset output
