# NPS by group with intervals, and the promoter / passive / detractor shares.
# Written by nps-stat. Draw it with: gnuplot FILE.gp (gnuplot 5.4 or later)
#
# Texts from the input (group names, file and column names) are kept in
# the data blocks below, one per line behind a '|', and reach the chart
# only through $text[i] and $rows[i]: gnuplot never reads them as commands.

# Texts: 1 image file, 2 title, 3 source, 4 method, 5 note, 6 subtitle,
# 7 footnote
$text << EOD
|summary-region-type.png
|NPS by region, customer_type
|docs/examples/responses.csv
|adjusted Wald (Rocks 2016)
|
|
|
EOD
txt(i) = $text[i][2:]

# Rows, highest NPS first, then the overall row: 1 line, 2 y, 3 NPS,
# 4-5 interval (points), 6 n, 7-9 % detractors, passives, promoters,
# 10-11 where the value is written and on which side; the label follows '|'.
$rows << EOD
1 13.5 10.16949153 -0.9326859013 21.01636791 236 33.05084746 23.72881356 43.22033898 21.01636791 1 |east / new (n = 236)
2 12.5 9.510086455 0.5851907494 18.27195211 347 31.41210375 27.66570605 40.9221902 18.27195211 1 |south / new (n = 347)
3 11.5 9.047619048 0.7717678433 17.19513523 420 33.0952381 24.76190476 42.14285714 17.19513523 1 |east / returning (n = 420)
4 10.5 7.635009311 0.3937222171 14.79146297 537 32.96089385 26.44320298 40.59590317 14.79146297 1 |north / returning (n = 537)
5 9.5 5.813953488 -4.429147264 15.92340014 258 32.55813953 29.06976744 38.37209302 15.92340014 1 |west / new (n = 258)
6 8.5 5.298013245 -3.856989839 14.34879312 302 30.46357616 33.77483444 35.7615894 14.34879312 1 |north / new (n = 302)
7 7.5 5.22875817 -8.69717791 18.95358817 153 36.60130719 21.56862745 41.83006536 18.95358817 1 |north / business (n = 153)
8 6.5 4.4546851 -1.917552185 10.78605371 651 32.25806452 31.02918587 36.71274962 10.78605371 1 |south / returning (n = 651)
9 5.5 4.078014184 -3.141252836 11.25412762 564 36.34751773 23.22695035 40.42553191 11.25412762 1 |west / returning (n = 564)
10 4.5 3.053435115 -11.44868635 17.4188356 131 35.11450382 26.71755725 38.16793893 17.4188356 1 |east / business (n = 131)
11 3.5 2.816901408 -10.85196806 16.36920944 142 33.8028169 29.57746479 36.61971831 16.36920944 1 |west / business (n = 142)
12 2.5 -2.285714286 -14.37983682 9.885454795 175 35.42857143 31.42857143 33.14285714 -14.37983682 -1 |south / business (n = 175)
13 1 5.898876404 3.233428254 8.555293359 3916 33.35035751 27.40040858 39.24923391 8.555293359 1 |all responses (n = 3916)
EOD
label(i) = $rows[i][strstrt($rows[i], '|') + 1:]
points(x) = abs(x) < 0.05 ? '0.0' : sprintf('%+.1f', x)
percent(x) = x >= 8 ? sprintf('%.0f%%', x) : ''
dotcol(m) = m == 1 ? 0x0b2545 : m == 2 ? 0xbfcde0 : 0x4f81bd

set terminal pngcairo size 1060,723 font 'DejaVu Sans,10' noenhanced
set output txt(1)

set multiplot
set label 1 txt(2) at screen 0.5, screen 0.9696 center font ',13'
set label 2 ('n = 3916 · ' . '95% intervals') at screen 0.5, screen 0.9391 center
set label 98 ('Method: ' . txt(4)) at screen 0.0113, screen 0.0415 left font ',8' tc rgb '#555555'
set label 99 ('Data: ' . txt(3)) at screen 0.0113, screen 0.0208 left font ',8' tc rgb '#555555'
set object 11 rect from screen 0.6603, screen 0.8796 to screen 0.6735, screen 0.8934 fc rgb '#a50f15' fs solid 1.0 border rgb '#333333'
set label 11 'detractors 0–6' at screen 0.6782, screen 0.8865 left font ',9'
set object 12 rect from screen 0.7735, screen 0.8796 to screen 0.7868, screen 0.8934 fc rgb '#d9d9d9' fs solid 1.0 border rgb '#333333'
set label 12 'passives 7–8' at screen 0.7915, screen 0.8865 left font ',9'
set object 13 rect from screen 0.8754, screen 0.8796 to screen 0.8887, screen 0.8934 fc rgb '#41ab5d' fs solid 1.0 border rgb '#333333'
set label 13 'promoters 9–10' at screen 0.8934, screen 0.8865 left font ',9'
set tmargin at screen 0.8644
set bmargin at screen 0.1439
set lmargin at screen 0.2168
set rmargin at screen 0.6131
set border 3 lc rgb '#444444'
unset key
set yrange [0.4:14.1]
set ytics scale 0 nomirror
set xrange [-25:30]
set xtics -25, 5, 30 nomirror out
set grid xtics lc rgb '#e6e6e6' lw 1 dt 1
set xlabel 'NPS (points) with 95% intervals'
set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#444444' lw 1 front
set arrow 2 from graph 0, first 1.75 to graph 1, first 1.75 nohead lc rgb '#999999' dt 2 lw 1
set arrow 3 from first 5.898876404, graph 0 to first 5.898876404, graph 1 nohead lc rgb '#26456e' dt 3 lw 1.5 back
plot $rows every ::0::11 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):(dotcol(0)):ytic(label($1)) \
       with xerrorbars pt 7 ps 1.3 lw 2 lc rgb variable notitle, \
     $rows every ::12::12 using 3:2:($4 == $4 ? $4 : $3):($5 == $5 ? $5 : $3):ytic(label($1)) \
       with xerrorbars pt 13 ps 1.6 lw 2 lc rgb '#111111' notitle, \
     $rows using ($11 > 0 ? $10 : NaN):2:(points($3)) with labels left offset 0.7, 0 font ',9' notitle, \
     $rows using ($11 < 0 ? $10 : NaN):2:(points($3)) with labels right offset -0.7, 0 font ',9' notitle

# Shares of each category, in the same rows.
unset label
unset object
unset arrow
unset grid
unset ytics
set lmargin at screen 0.6603
set rmargin at screen 0.9717
set xrange [0:100]
set xtics 0, 20, 100 nomirror out
set xlabel 'share of answers (%)'
set style fill solid 1.0 border rgb '#333333'
plot $rows using (0):2:(0):7:($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#a50f15' notitle, \
     $rows using (0):2:7:($7 + $8):($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#d9d9d9' notitle, \
     $rows using (0):2:($7 + $8):(100):($2 - 0.32):($2 + 0.32) with boxxyerror fc rgb '#41ab5d' notitle, \
     $rows using ($7 / 2):2:(percent($7)) with labels tc rgb '#ffffff' font ',9' notitle, \
     $rows using ($7 + $8 / 2):2:(percent($8)) with labels font ',9' notitle, \
     $rows using ($7 + $8 + $9 / 2):2:(percent($9)) with labels font ',9' notitle
unset multiplot
unset output
