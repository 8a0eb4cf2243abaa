# The demo's two charts, drawn from the CSV files export.sql writes.
# Usage: gnuplot -e "dir='.work/demo'; cfe='86.3'; volume='108.2'" contrib/demo/charts.gp
set datafile separator ','
set terminal pngcairo size 1400,620 font ',11' noenhanced

# 1. Hourly matching of the data centre over one week.
set output dir.'/hourly_match.png'
set title sprintf("Hourly matching: Guangzhou Cloud Data Centre, 3-9 June 2024 (hourly CFE score %s %%; weekly volume match %s %%)", cfe, volume)
set xdata time
set timefmt '%Y-%m-%d %H:%M'
set format x '%a %d %b'
set xtics 86400
set mxtics 4
set rmargin 6
set xlabel 'time (UTC; China Standard Time = UTC+8)'
set ylabel 'energy per hour (MWh)'
set xrange ['2024-06-03 00:00':'2024-06-10 00:00']
set yrange [0:*]
set grid ytics xtics
set style fill solid 0.75 noborder
set key below horizontal
plot dir.'/hourly.csv' every ::1 using 1:4 with fillsteps fillcolor rgb '#9ed99e' title 'matched (certificates of the same hour, up to consumption)', \
     ''                every ::1 using 1:3 with steps linewidth 1.5 linecolor rgb '#1f6fb4' title 'GEC certificates of the hour (offshore wind + solar)', \
     ''                every ::1 using 1:2 with steps linewidth 2 linecolor rgb '#222222' title 'consumption'

# 2. Residual mix next to the grid average, per province.
reset
set datafile separator ','
set output dir.'/residual_mix.png'
set title 'Grid average and residual mix per province, 2024 (market-based Scope 2 uses the residual mix)'
set ylabel 'emission factor (tCO2e/MWh)'
set xlabel 'province (CN: China as a whole)'
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:0.8]
set grid ytics
set key top left box opaque
plot dir.'/residual.csv' every ::1 using 3:xtic(stringcolumn(1).' '.stringcolumn(2)) linecolor rgb '#8fb3d9' title 'grid average (location-based)', \
     ''                  every ::1 using 4 linecolor rgb '#d9822b' title 'residual mix (market-based)', \
     ''                  every ::1 using ($0 - 0.17):3:(sprintf('%.3f', $3)) with labels offset 0,0.8 notitle, \
     ''                  every ::1 using ($0 + 0.17):4:(sprintf('%.3f', $4)) with labels offset 0,0.8 notitle
