<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AgencyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="38" />
        <source>Choose an agency</source>
        <translation>Pilih instansi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/agency.py" line="39" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/agency.py" line="50" />
        <source>%n service(s)</source>
        <translation><numerusform>%n layanan</numerusform></translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="74" />
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="75" />
        <source>Fee: %1</source>
        <translation>Biaya: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="78" />
        <source>%1 people waiting · about %2 minutes</source>
        <translation>%1 orang menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="81" />
        <source>Queue length not known right now</source>
        <translation>Panjang antrean belum diketahui saat ini</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="82" />
        <source>Where: %1</source>
        <translation>Lokasi: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="83" />
        <source>Please bring</source>
        <translation>Harap membawa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="85" />
        <source>No documents needed.</source>
        <translation>Tidak perlu dokumen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="89" />
        <source>Identified: %1</source>
        <translation>Teridentifikasi: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="91" />
        <source>This service needs your ID card or NIK; you will be asked next.</source>
        <translation>Layanan ini memerlukan KTP-el atau NIK Anda; Anda akan diminta pada langkah berikutnya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="96" />
        <source>You are 60 or older, so we chose the elderly priority queue for you. Touch it again if you prefer the normal queue.</source>
        <translation>Usia Anda 60 tahun ke atas, jadi kami memilihkan antrean prioritas lansia. Sentuh sekali lagi bila Anda memilih antrean biasa.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="99" />
        <source>Priority queue (optional): choose if it applies to you</source>
        <translation>Antrean prioritas (opsional): pilih bila sesuai dengan Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="100" />
        <source>Elderly (60+)</source>
        <translation>Lansia (60+)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="100" />
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="101" />
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="105" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/confirm.py" line="106" />
        <source>Take my number</source>
        <translation>Ambil nomor antrean</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="72" />
        <source>Easy access</source>
        <translation>Mudah akses</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="73" />
        <source>Accessibility mode: large text, high contrast, speech, more time</source>
        <translation>Mode aksesibilitas: teks besar, kontras tinggi, suara, waktu lebih lama</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="69" />
        <source>This service needs your identity</source>
        <translation>Layanan ini memerlukan identitas Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="70" />
        <source>Place your ID card on the reader</source>
        <translation>Tempelkan kartu identitas Anda pada pembaca</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="76" />
        <source>e-KTP or e-passport: hold it flat on the reader until the screen changes.</source>
        <translation>KTP-el atau paspor elektronik: tahan rata di atas pembaca sampai layar berubah.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="79" />
        <source>The card reader is not available right now.</source>
        <translation>Pembaca kartu sedang tidak tersedia.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="80" />
        <source>Please type your NIK instead.</source>
        <translation>Silakan ketik NIK Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="81" />
        <source>Or type your NIK (16 digits)</source>
        <translation>Atau ketik NIK Anda (16 angka)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="85" />
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="87" />
        <source>Delete last digit</source>
        <translation>Hapus angka terakhir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="88" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="89" />
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/identify.py" line="89" />
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="132" />
        <source>Do you need more time?</source>
        <translation>Apakah Anda perlu waktu lagi?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="133" />
        <source>Yes, more time please</source>
        <translation>Ya, saya perlu waktu lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="134" />
        <source>No, I am finished</source>
        <translation>Tidak, saya sudah selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chrome.py" line="149" />
        <source>For your privacy this session ends in %1 seconds.</source>
        <translation>Demi privasi Anda, sesi ini berakhir dalam %1 detik.</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="36" />
        <source>Printing your ticket…</source>
        <translation>Mencetak tiket Anda…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="37" />
        <source>This takes a few seconds. Please wait by the printer.</source>
        <translation>Ini memerlukan beberapa detik. Mohon tunggu di dekat printer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="54" />
        <source>The service centre is answering slowly. Still trying — please stay a little longer.</source>
        <translation>Pusat layanan sedang lambat merespons. Masih mencoba — mohon tunggu sebentar lagi.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="33" />
        <source>Reading the chip… keep the passport still on the reader.</source>
        <translation>Membaca chip… biarkan paspor tetap diam di atas pembaca.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="36" />
        <source>Welcome, %1</source>
        <translation>Selamat datang, %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="36" />
        <source>Identity received.</source>
        <translation>Identitas diterima.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="38" />
        <source>Staff card recognised.</source>
        <translation>Kartu petugas dikenali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="39" />
        <source>This card is not known here. Please type your NIK.</source>
        <translation>Kartu ini tidak dikenal di sini. Silakan ketik NIK Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="40" />
        <source>This card needs your NIK as well. Please type it on the keypad.</source>
        <translation>Kartu ini juga memerlukan NIK Anda. Silakan ketik pada papan angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="41" />
        <source>Your identity cannot be checked right now. Please try again in a moment.</source>
        <translation>Identitas Anda belum dapat diperiksa saat ini. Silakan coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="42" />
        <source>Passports need the code printed on the photo page. Please type your NIK, or ask at the help desk.</source>
        <translation>Paspor memerlukan kode yang tercetak di halaman foto. Silakan ketik NIK Anda, atau bertanya di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="44" />
        <source>An e-passport is on the reader. Type the data from its photo page to open the chip.</source>
        <translation>Paspor elektronik ada di atas pembaca. Ketik data dari halaman fotonya untuk membuka chip.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="45" />
        <source>The chip did not accept this data. Please check each field against the photo page.</source>
        <translation>Chip tidak menerima data ini. Mohon periksa setiap isian dengan halaman foto.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="46" />
        <source>Please type the passport number (at least 6 letters and digits).</source>
        <translation>Mohon ketik nomor paspor (minimal 6 huruf dan angka).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="47" />
        <source>Please type the date of birth as day, month, year: 6 digits.</source>
        <translation>Mohon ketik tanggal lahir sebagai hari, bulan, tahun: 6 angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="48" />
        <source>Please type the date of expiry as day, month, year: 6 digits.</source>
        <translation>Mohon ketik tanggal berlaku sebagai hari, bulan, tahun: 6 angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="49" />
        <source>The scanned code could not be read. Please type the data instead.</source>
        <translation>Kode yang dipindai tidak dapat dibaca. Silakan ketik datanya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="50" />
        <source>Please hold the card still on the reader until the screen changes.</source>
        <translation>Mohon tahan kartu tetap di atas pembaca sampai layar berubah.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="51" />
        <source>A NIK has exactly 16 digits.</source>
        <translation>NIK terdiri dari tepat 16 angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="52" />
        <source>A NIK has digits only.</source>
        <translation>NIK hanya berisi angka.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="53" />
        <source>The first two digits of this NIK are not a province code. Please check the number.</source>
        <translation>Dua angka pertama NIK ini bukan kode provinsi. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="54" />
        <location filename="../../kiosk/ui/notice.py" line="55" />
        <source>The region code in this NIK is not valid. Please check the number.</source>
        <translation>Kode wilayah pada NIK ini tidak valid. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="56" />
        <source>The birth date in this NIK (digits 7 to 12) is not valid. Please check the number.</source>
        <translation>Tanggal lahir pada NIK ini (angka ke-7 sampai ke-12) tidak valid. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="57" />
        <source>The last four digits of a NIK are never 0000. Please check the number.</source>
        <translation>Empat angka terakhir NIK tidak pernah 0000. Mohon periksa kembali nomornya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="60" />
        <source>The card could not be read. Place it again, or type your NIK.</source>
        <translation>Kartu tidak dapat dibaca. Tempelkan lagi, atau ketik NIK Anda.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/notice.py" line="61" />
        <source>Please try again.</source>
        <translation>Silakan coba lagi.</translation>
    </message>
</context>
<context>
    <name>PassportScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="64" />
        <source>Open your e-passport's chip</source>
        <translation>Buka chip paspor elektronik Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="65" />
        <source>Type what is printed on the photo page of your passport. Keep the passport on the reader.</source>
        <translation>Ketik data yang tercetak di halaman foto paspor Anda. Biarkan paspor tetap di atas pembaca.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="68" />
        <source>Passport number</source>
        <translation>Nomor paspor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="69" />
        <source>Date of birth (DD-MM-YY)</source>
        <translation>Tanggal lahir (HH-BB-TT)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="70" />
        <source>Date of expiry (DD-MM-YY)</source>
        <translation>Berlaku sampai (HH-BB-TT)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="80" />
        <source>Delete last character</source>
        <translation>Hapus karakter terakhir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="81" />
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="82" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="83" />
        <source>Reading the chip…</source>
        <translation>Membaca chip…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/passport.py" line="83" />
        <source>Open the chip</source>
        <translation>Buka chip</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="32" />
        <source>Back to start</source>
        <translation>Kembali ke awal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="33" />
        <source>Try again</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="34" />
        <source>No number was taken for you, so nothing is lost. Staff at the help desk can also give you a number.</source>
        <translation>Belum ada nomor yang diambil atas nama Anda, jadi tidak ada yang hilang. Petugas di meja bantuan juga dapat memberi Anda nomor.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="37" />
        <source>Service temporarily unavailable</source>
        <translation>Layanan sedang tidak tersedia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="38" />
        <source>The kiosk cannot reach the service centre right now and keeps retrying.</source>
        <translation>Anjungan belum dapat terhubung ke pusat layanan dan terus mencoba kembali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="40" />
        <source>The printer is not working</source>
        <translation>Printer tidak berfungsi</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="41" />
        <source>Your ticket could not be printed.</source>
        <translation>Tiket Anda tidak dapat dicetak.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="43" />
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="44" />
        <source>This kiosk is closed for today.</source>
        <translation>Anjungan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="46" />
        <source>Something went wrong</source>
        <translation>Terjadi kendala</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/problem.py" line="47" />
        <source>Your ticket could not be issued.</source>
        <translation>Tiket Anda tidak dapat diterbitkan.</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="33" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="34" />
        <source>Choose the service you need.</source>
        <translation>Pilih layanan yang Anda perlukan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="46" />
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="48" />
        <source>%1 waiting · about %2 min</source>
        <translation>%1 menunggu · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/service.py" line="51" />
        <source>Queue length not known right now</source>
        <translation>Panjang antrean belum diketahui saat ini</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="53" />
        <source>Go to: %1</source>
        <translation>Menuju: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="54" />
        <source>%1 people ahead of you · about %2 minutes</source>
        <translation>%1 orang di depan Anda · sekitar %2 menit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="57" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="59" />
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="60" />
        <source>Please take your printed ticket below the screen.</source>
        <translation>Silakan ambil tiket cetak Anda di bawah layar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="63" />
        <source>Your queue number (on screen)</source>
        <translation>Nomor antrean Anda (di layar)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket.py" line="65" />
        <source>The printer could not print your ticket. Take a photo of this screen or note the number; the help desk also has it.</source>
        <translation>Printer tidak dapat mencetak tiket Anda. Foto layar ini atau catat nomornya; meja bantuan juga memilikinya.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="34" />
        <source>Welcome to %1</source>
        <translation>Selamat datang di %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="34" />
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="35" />
        <source>Take a queue number for government services in this hall.</source>
        <translation>Ambil nomor antrean untuk layanan pemerintah di gedung ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="36" />
        <source>Take a queue number</source>
        <translation>Ambil Antrean</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="38" />
        <source>Touch the button to start, or place your ID card on the reader. Staff at the help desk can assist you.</source>
        <translation>Sentuh tombol untuk memulai, atau tempelkan kartu identitas Anda pada pembaca. Petugas di meja bantuan siap membantu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="41" />
        <source>Touch the button to start. Staff at the help desk can assist you.</source>
        <translation>Sentuh tombol untuk memulai. Petugas di meja bantuan siap membantu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="48" />
        <source>This kiosk is closed for today.</source>
        <translation>Anjungan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="50" />
        <source>Connecting to the service centre… please wait a moment.</source>
        <translation>Menghubungkan ke pusat layanan… mohon tunggu sebentar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="52" />
        <source>Service is temporarily unavailable. The kiosk keeps retrying.</source>
        <translation>Layanan sedang tidak tersedia. Anjungan terus mencoba kembali.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="54" />
        <source>The ticket printer is out of service. Please ask at the help desk.</source>
        <translation>Printer tiket sedang tidak berfungsi. Silakan bertanya di meja bantuan.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/welcome.py" line="56" />
        <source>The printer is out of paper: your ticket will be shown on screen.</source>
        <translation>Kertas printer habis: tiket Anda akan ditampilkan di layar.</translation>
    </message>
</context>
</TS>