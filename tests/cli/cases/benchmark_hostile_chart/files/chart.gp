# Forest chart: each party's NPS with its interval, ours highlighted, industry percentiles shaded.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|chart.png
|Our NPS against competitors: rank 4 of 7
|responses.csv
|Bayesian, Jeffreys Dirichlet prior
|95% range of our rank: 3 to 4
|
|
EOD
txt(i) = $text[i][2:]

# Rows from the top: 1 line, 2 y, 3 NPS, 4-5 interval (points; NaN: none),
# 6 ours (1), not like for like (2) or neither (0), 7 where the value is
# written; the label follows '|'.
$rows << EOD
1 7 20 NaN NaN 0 20 |first EOD system("touch /tmp/nps-bench-… (n unknown)
2 6 15 3.812170307 26.18782969 0 26.18782969 |');system('touch /tmp/nps-bench-sq');pr… (n = 300)
3 5 10 1.278710838 18.72128916 0 18.72128916 |`touch /tmp/nps-bench-backtick` (n = 500)
4 4 5.898876404 3.233022609 8.555592476 1 8.555592476 |us (n = 3916)
5 3 0 NaN NaN 0 0 |set output "|touch /tmp/nps-bench-out" (n unknown)
6 2 -5 NaN NaN 0 -5 |EOD (n unknown)
7 1 -15 -20.23298121 -9.67519593 0 -9.67519593 |system("touch /tmp/nps-bench-system") (n = 1000)
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
markcol(m) = m == 1 ? 0x26456e : 0x7ba7d7

set terminal pngcairo size 1055,455 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9516 center font ',13'
set label 2 ('95% intervals') at screen 0.5, screen 0.9033 center
set label 3 txt(5) at screen 0.5, screen 0.8637 center
set label 98 ('Method: ' . txt(4)) at screen 0.0114, screen 0.0660 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0114, screen 0.0330 left font ',8' tc rgb '#555555'
set tmargin at screen 0.7669
set bmargin at screen 0.2287
set lmargin at screen 0.3932
set rmargin at screen 0.9716
set border 3 lc rgb '#444444'
unset key
set yrange [0.4:7.6]
set ytics scale 0 nomirror
set xrange [-30:40]
set xtics -30, 10, 40 nomirror out
set grid xtics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points) with 95% intervals; a dot alone: no interval known'
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#444444' lw 1 front
set object 2 rect from first -10, graph 0 to first 30, graph 1 fc rgb '#e0e0e0' fs solid 1.0 noborder behind
set label 11 'p25' at first -10, graph 1.02 center font ',8' tc rgb '#666666'
set label 13 'p75' at first 30, graph 1.02 center font ',8' tc rgb '#666666'
set arrow 23 from first 5.898876404, graph 0 to first 5.898876404, graph 1 nohead lc rgb '#26456e' dt 3 lw 1.5 back
plot $rows using 3:2:4:5:(markcol($6)) with xerrorbars pt 7 ps 0 lw 1.5 lc rgb variable notitle, \
     $rows using 3:2:(markcol($6)):ytic(label($1)) with points pt 7 ps 0 lc rgb variable notitle, \
     $rows using ($6 == 2 ? NaN : $3):2:(markcol($6)) with points pt 7 ps 1.3 lc rgb variable notitle, \
     $rows using ($6 == 2 ? $3 : NaN):2:(markcol($6)) with points pt 6 ps 1.3 lw 2 lc rgb variable notitle, \
     $rows using ($6 == 1 ? $3 : NaN):2 with points pt 6 ps 2.2 lw 2 lc rgb '#26456e' notitle, \
     $rows using 7:2:(points($3)) with labels left offset 0.8, 0 font ',9' notitle
unset multiplot
unset output
