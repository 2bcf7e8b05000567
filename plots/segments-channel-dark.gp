# NPS by group with intervals, and the promoter / passive / detractor shares.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|segments-channel-dark.png
|NPS by channel: the segments differ (p < 0.001)
|docs/examples/responses.csv
|Bayesian, Jeffreys Dirichlet prior
|2 above, 2 below the rest (bright)
|
|
EOD
txt(i) = $text[i][2:]

# Rows, highest NPS first, then the overall row: 1 line, 2 y, 3 NPS,
# 4-5 interval (points), 6 n, 7-9 % detractors, passives, promoters,
# 10-11 where the value is written and on which side; the label follows '|'.
# 12 the bar: 0 plain, 1 stands out (dark), 2 small base (faint).
$rows << EOD
1 7.5 33.29545455 27.99811388 38.36815259 880 19.77272727 27.15909091 53.06818182 38.36815259 1 1 |app (n = 880)
2 6.5 28.27586207 15.18649909 40.2566235 145 20 31.72413793 48.27586207 40.2566235 1 1 |store (n = 145)
3 5.5 6.016847172 0.2517714547 11.73828041 831 32.9723225 28.03850782 38.98916968 11.73828041 1 0 |web (n = 831)
4 4.5 4.089219331 -3.137466808 11.2698073 538 34.57249071 26.76579926 38.66171004 11.2698073 1 0 |email (n = 538)
5 3.5 -7.133757962 -12.97271644 -1.240345583 785 39.10828025 28.91719745 31.97452229 -12.97271644 -1 1 |chat (n = 785)
6 2.5 -16.14654003 -22.21188277 -9.947254097 737 45.59023066 24.9660787 29.44369064 -22.21188277 -1 1 |phone (n = 737)
7 1 5.898876404 3.233022609 8.555592476 3916 33.35035751 27.40040858 39.24923391 8.555592476 1 0 |all (n = 3916)
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''
dotcol(m) = m == 1 ? 0xe8f1ff : m == 2 ? 0x4a5568 : 0x6fa8ff

set terminal pngcairo size 971,513 font 'DejaVu Sans,10' noenhanced background rgb '#1f2430'
set output txt(1)
set xtics textcolor rgb '#e6e6e6'
set ytics textcolor rgb '#e6e6e6'
set xlabel textcolor rgb '#e6e6e6'
set ylabel textcolor rgb '#e6e6e6'
set key textcolor rgb '#e6e6e6'

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9571 center font ',13' tc rgb '#e6e6e6'
set label 2 ('n = 3916 · ' . '95% intervals') at screen 0.5, screen 0.9142 center tc rgb '#e6e6e6'
set label 3 txt(5) at screen 0.5, screen 0.8790 center tc rgb '#e6e6e6'
set label 98 ('Method: ' . txt(4)) at screen 0.0124, screen 0.0585 left font ',8' tc rgb '#a9afba'
set label 99 ('Data: ' . txt(3)) at screen 0.0124, screen 0.0293 left font ',8' tc rgb '#a9afba'
set object 11 rect from screen 0.6292, screen 0.7952 to screen 0.6437, screen 0.8147 fc rgb '#d7301f' fs solid 1.0 border rgb '#1f2430'
set label 11 'detractors 0–6' at screen 0.6488, screen 0.8049 left font ',9' tc rgb '#e6e6e6'
set object 12 rect from screen 0.7528, screen 0.7952 to screen 0.7673, screen 0.8147 fc rgb '#d9d9d9' fs solid 1.0 border rgb '#1f2430'
set label 12 'passives 7–8' at screen 0.7724, screen 0.8049 left font ',9' tc rgb '#e6e6e6'
set object 13 rect from screen 0.8641, screen 0.7952 to screen 0.8785, screen 0.8147 fc rgb '#41ab5d' fs solid 1.0 border rgb '#1f2430'
set label 13 'promoters 9–10' at screen 0.8836, screen 0.8049 left font ',9' tc rgb '#e6e6e6'
set tmargin at screen 0.7737
set bmargin at screen 0.2029
set lmargin at screen 0.1452
set rmargin at screen 0.5778
set border 3 lc rgb '#9aa0aa'
unset key
set yrange [0.4:8.1]
set ytics scale 0 nomirror
set xrange [-40:60]
set xtics -40, 10, 60 nomirror out
set grid xtics lc rgb '#454d5e' lw 1 dt 1
set xlabel 'NPS (points) with 95% intervals'
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#c0c4cc' lw 1 front
set arrow 2 from graph 0, first 1.75 to graph 1, first 1.75 nohead lc rgb '#6b7280' dt 2 lw 1
set arrow 3 from first 5.898876404, graph 0 to first 5.898876404, graph 1 nohead lc rgb '#a9c7ee' dt 3 lw 1.5 back
plot $rows every ::0::5 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):(dotcol($12)):ytic(label($1)) \
       with xerrorbars pt 7 ps 1.3 lw 2 lc rgb variable notitle, \
     $rows every ::6::6 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):ytic(label($1)) \
       with xerrorbars pt 13 ps 1.6 lw 2 lc rgb '#f5f5f5' notitle, \
     $rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels left offset 0.7, 0 font ',9' tc rgb '#e6e6e6' notitle, \
     $rows using ($11 < 0 ? $10 : NaN):2:(points($3)) with labels right offset -0.7, 0 font ',9' tc rgb '#e6e6e6' notitle

# Shares of each category, in the same rows.
unset label
unset object
unset arrow
unset grid
unset ytics
set lmargin at screen 0.6292
set rmargin at screen 0.9691
set xrange [0:100]
set xtics 0, 20, 100 nomirror out
set xlabel 'share of answers (%)'
set style fill solid 1.0 border rgb '#1f2430'
plot $rows using (0):2:(0):7:($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#d7301f' notitle, \
     $rows using (0):2:7:($7 + $8):($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#d9d9d9' notitle, \
     $rows using (0):2:($7 + $8):(100):($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#41ab5d' notitle, \
     $rows using ($7 / 2):2:(percent($7)) with labels tc rgb '#ffffff' font ',9' notitle, \
     $rows using ($7 + $8 / 2):2:(percent($8)) with labels font ',9' tc rgb '#1f2430' notitle, \
     $rows using ($7 + $8 + $9 / 2):2:(percent($9)) with labels font ',9' tc rgb '#1f2430' notitle
unset multiplot
unset output
