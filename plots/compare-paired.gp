# Two groups compared: NPS with intervals and the difference between them.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|compare-paired.png
|after vs before: +15.5 points (significant, p < 0.001)
|
|Bayesian, Jeffreys Dirichlet prior
|
|
|difference: sign-flip test, interval by test-based, from the sign-flip p
|before
|after
|before
|after
EOD
txt(i) = $text[i][2:]

# Groups a and b: 1 line, 2 x, 3 y, 4 NPS, 5-6 interval (points), 7 n,
# 8-10 % detractors, passives, promoters, 11-12 where the value is written
# and on which side; the label follows '|'.
$rows << EOD
1 1 2 -2.464788732 -11.77878535 6.898843726 284 33.8028169 34.85915493 31.33802817 -11.77878535 -1 |before
2 2 1 13.02816901 3.990297918 21.81442676 284 23.94366197 39.08450704 36.97183099 21.81442676 1 |after
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''

set terminal pngcairo size 900,629 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9650 center font ',13'
set label 2 (txt(11) . ' − ' . txt(10) . ': Δ = +15.5 points' . ', 95% interval [+7.2, +23.8]' . ', p < 0.001') at screen 0.5, screen 0.9300 center
set label 3 ('n = 284 and 284 · ' . '95% intervals') at screen 0.5, screen 0.9014 center
set label 98 ('Method: ' . txt(4) . ' · ' . txt(7)) at screen 0.0133, screen 0.0238 left font ',8' tc rgb '#555555'
set tmargin at screen 0.8537
set bmargin at screen 0.3768
set lmargin at screen 0.0889
set rmargin at screen 0.6222
set border 3 lc rgb '#444444'
unset key
set xrange [0.4:2.6]
set yrange [-20:30]
set xtics scale 0 nomirror
set ytics -20, 5, 30 nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set ylabel 'NPS (points) with 95% intervals'
set xzeroaxis lt 1 lc rgb '#444444' lw 1
small_ab = 0
small(i) = i == 1 ? small_ab % 2 : small_ab >= 2
dotcol(i) = small(i) ? 0xbfcde0 : i == 1 ? 0x6baed6 : 0x4f81bd
plot $rows using 2:4:($5 == $5 ? $5 : $4):($6 == $6 ? $6 : $4):(dotcol($1)):xtic(txt(9 + $1) . "\n" . sprintf('n = %d%s', int($7), small($1) ? ', small base' : '')) \
     with yerrorbars pt 7 ps 1.6 lw 2 lc rgb variable notitle, \
     $rows using ($2 + 0.06):4:(points($4)) with labels left offset 0.5, 0 notitle

# The difference b - a with its interval.
unset label
unset object
unset grid
set tmargin at screen 0.8537
set bmargin at screen 0.3768
set lmargin at screen 0.7556
set rmargin at screen 0.9667
set xrange [0.5:1.5]
set yrange [-5:30]
set xtics ('' 1) scale 0
set ytics -5, 5, 30 nomirror out
set grid ytics lc rgb '#e6e6e6' lw 1 dt 1
set ylabel 'difference (points)'
set xlabel ('Δ = ' . txt(11) . "\n" . '− ' . txt(10))
$diff << EOD
1 15.49295775 7.23171747 23.75419802
EOD
plot $diff using 1:2:3:4 with yerrorbars pt 7 ps 1.2 lw 2 lc rgb '#000000' notitle, \
     $diff using 1:2:(points($2)) with labels left offset 1.2, 0 notitle

# Shares of each category in both groups.
unset label
unset grid
unset ylabel
unset xzeroaxis
set object 11 rect from screen 0.0991, screen 0.2512 to screen 0.1147, screen 0.2671 fc rgb '#a50f15' fs solid 1.0 border rgb '#333333'
set label 11 'detractors 0–6' at screen 0.1202, screen 0.2591 left font ',9'
set object 12 rect from screen 0.2324, screen 0.2512 to screen 0.2480, screen 0.2671 fc rgb '#d9d9d9' fs solid 1.0 border rgb '#333333'
set label 12 'passives 7–8' at screen 0.2536, screen 0.2591 left font ',9'
set object 13 rect from screen 0.3524, screen 0.2512 to screen 0.3680, screen 0.2671 fc rgb '#41ab5d' fs solid 1.0 border rgb '#333333'
set label 13 'promoters 9–10' at screen 0.3736, screen 0.2591 left font ',9'
set tmargin at screen 0.2337
set bmargin at screen 0.1224
set lmargin at screen 0.0991
set rmargin at screen 0.9667
set xrange [0:100]
set yrange [0.5:2.5]
set xtics 0, 20, 100 nomirror out
set ytics scale 0 nomirror
set xlabel 'share of answers (%)'
set style fill solid 1.0 border rgb '#333333'
plot $rows using (0):3:(0):8:($3 - 0.3):($3 + 0.3):ytic(label($1)) with boxxyerror fc rgb '#a50f15' notitle, \
     $rows using (0):3:8:($8 + $9):($3 - 0.3):($3 + 0.3) with boxxyerror fc rgb '#d9d9d9' notitle, \
     $rows using (0):3:($8 + $9):(100):($3 - 0.3):($3 + 0.3) with boxxyerror fc rgb '#41ab5d' notitle, \
     $rows using ($8 / 2):3:(percent($8)) with labels tc rgb '#ffffff' font ',9' notitle, \
     $rows using ($8 + $9 / 2):3:(percent($9)) with labels font ',9' notitle, \
     $rows using ($8 + $9 + $10 / 2):3:(percent($10)) with labels font ',9' notitle
unset multiplot
unset output
