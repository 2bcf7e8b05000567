# Two groups compared: NPS with intervals and the difference between them.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote, then labels
$text << EOD
|chart.png
|after vs before: +10.9 points (significant, p = 0.019)
|
|Bayesian, Jeffreys Dirichlet prior
|
|
|difference: permutation test, interval by MOVER from the Jeffreys intervals
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
1 1 2 1.200686106 -5.248008483 7.637717432 583 31.04631218 36.70668954 32.24699828 7.637717432 1 |before
2 2 1 12.07482993 5.667302213 18.36644123 588 25.68027211 36.56462585 37.75510204 18.36644123 1 |after
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''

set terminal pngcairo size 900,629 font 'DejaVu Sans,10' noenhanced background rgb '#ffffff'
set output txt(1)
set xtics textcolor rgb '#000000'
set ytics textcolor rgb '#000000'
set xlabel textcolor rgb '#000000'
set ylabel textcolor rgb '#000000'
set key textcolor rgb '#000000'

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9650 center font ',13' tc rgb '#000000'
set label 2 (txt(11) . ' − ' . txt(10) . ': Δ = +10.9 points' . ', 95% interval [+1.8, +19.9]' . ', p = 0.019') at screen 0.5, screen 0.9300 center tc rgb '#000000'
set label 3 ('n = 583 and 588 · ' . '95% intervals') at screen 0.5, screen 0.9014 center tc rgb '#000000'
set label 98 ('Method: ' . txt(4) . ' · ' . txt(7)) at screen 0.0133, screen 0.0238 left font ',8' tc rgb '#000000'
set tmargin at screen 0.8537
set bmargin at screen 0.3768
set lmargin at screen 0.0889
set rmargin at screen 0.6222
set border 3 lc rgb '#000000'
unset key
set xrange [0.4:2.6]
set yrange [-10:25]
set xtics scale 0 nomirror
set ytics -10, 5, 25 nomirror out
set grid ytics lc rgb '#d9d9d9' lw 1 dt 1
set ylabel 'NPS (points) with 95% intervals'
set xzeroaxis lt 1 lc rgb '#000000' lw 1
small_ab = 0
small(i) = i == 1 ? small_ab % 2 : small_ab >= 2
dotcol(i) = small(i) ? 0xc8c8c8 : i == 1 ? 0xa6a6a6 : 0x737373
plot $rows using 2:4:($5 == $5 ? $5 : $4):($6 == $6 ? $6 : $4):(dotcol($1)):xtic(txt(9 + $1) . "\n" . sprintf('n = %d%s', int($7), small($1) ? ', small base' : '')) \
     with yerrorbars pt 7 ps 1.6 lw 2 lc rgb variable notitle, \
     $rows using ($2 + 0.06):4:(points($4)) with labels left offset 0.5, 0 tc rgb '#000000' notitle

# The difference b - a with its interval.
unset label
unset object
unset grid
set tmargin at screen 0.8537
set bmargin at screen 0.3768
set lmargin at screen 0.7556
set rmargin at screen 0.9667
set xrange [0.5:1.5]
set yrange [-5:25]
set xtics ('' 1) scale 0
set ytics -5, 5, 25 nomirror out
set grid ytics lc rgb '#d9d9d9' lw 1 dt 1
set ylabel 'difference (points)'
set xlabel ('Δ = ' . txt(11) . "\n" . '− ' . txt(10))
$diff << EOD
1 10.87414383 1.791645064 19.88358524
EOD
plot $diff using 1:2:3:4 with yerrorbars pt 7 ps 1.2 lw 2 lc rgb '#000000' notitle, \
     $diff using 1:2:(points($2)) with labels left offset 1.2, 0 tc rgb '#000000' notitle

# Shares of each category in both groups.
unset label
unset grid
unset ylabel
unset xzeroaxis
set object 11 rect from screen 0.0991, screen 0.2512 to screen 0.1147, screen 0.2671 fc rgb '#252525' fs solid 1.0 border rgb '#000000'
set label 11 'detractors 0–6' at screen 0.1202, screen 0.2591 left font ',9' tc rgb '#000000'
set object 12 rect from screen 0.2324, screen 0.2512 to screen 0.2480, screen 0.2671 fc rgb '#e0e0e0' fs solid 1.0 border rgb '#000000'
set label 12 'passives 7–8' at screen 0.2536, screen 0.2591 left font ',9' tc rgb '#000000'
set object 13 rect from screen 0.3524, screen 0.2512 to screen 0.3680, screen 0.2671 fc rgb '#8c8c8c' fs solid 1.0 border rgb '#000000'
set label 13 'promoters 9–10' at screen 0.3736, screen 0.2591 left font ',9' tc rgb '#000000'
set tmargin at screen 0.2337
set bmargin at screen 0.1224
set lmargin at screen 0.0991
set rmargin at screen 0.9667
set xrange [0:100]
set yrange [0.5:2.5]
set xtics 0, 20, 100 nomirror out
set ytics scale 0 nomirror
set xlabel 'share of answers (%)'
set style fill solid 1.0 border rgb '#000000'
plot $rows using (0):3:(0):8:($3 - 0.3):($3 + 0.3):ytic(label($1)) with boxxyerror fc rgb '#252525' notitle, \
     $rows using (0):3:8:($8 + $9):($3 - 0.3):($3 + 0.3) with boxxyerror fc rgb '#e0e0e0' notitle, \
     $rows using (0):3:($8 + $9):(100):($3 - 0.3):($3 + 0.3) with boxxyerror fc rgb '#8c8c8c' notitle, \
     $rows using ($8 / 2):3:(percent($8)) with labels tc rgb '#ffffff' font ',9' notitle, \
     $rows using ($8 + $9 / 2):3:(percent($9)) with labels font ',9' tc rgb '#000000' notitle, \
     $rows using ($8 + $9 + $10 / 2):3:(percent($10)) with labels font ',9' tc rgb '#000000' notitle
unset multiplot
unset output
