<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>GridDesk::CaseImporter</name>
    <message>
        <source>There is no case profile &quot;%1&quot;; use auto, nyc311 or la311.</source>
        <translation>There is no case profile &quot;%1&quot;; use auto, nyc311 or la311.</translation>
    </message>
    <message>
        <source>%1 does not look like a known hotline export (nyc311 or la311): its columns are %2.</source>
        <translation>%1 does not look like a known hotline export (nyc311 or la311): its columns are %2.</translation>
    </message>
    <message>
        <source>%1 has no column &quot;%2&quot;, which the %3 profile needs.</source>
        <translation>%1 has no column &quot;%2&quot;, which the %3 profile needs.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) had coordinates outside longitude/latitude and were kept without a location.</source>
        <translation>
            <numerusform>%n row had coordinates outside longitude/latitude and was kept without a location.</numerusform>
            <numerusform>%n rows had coordinates outside longitude/latitude and were kept without a location.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) repeat an id met earlier in the file (first: %1); the later row was kept.</source>
        <translation>
            <numerusform>%n row repeats an id met earlier in the file (first: %1); the later row was kept.</numerusform>
            <numerusform>%n rows repeat an id met earlier in the file (first: %1); the later rows were kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseQueueWidget</name>
    <message>
        <source>Filter cases (id, category, status, grid, agency…)</source>
        <translation>Filter cases (id, category, status, grid, agency…)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Show the cases of every grid again</source>
        <translation>Show the cases of every grid again</translation>
    </message>
    <message>
        <source>Filtered by grid %1</source>
        <extracomment>%1 is the name and code of a grid chosen on the map</extracomment>
        <translation>Filtered by grid %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s) shown</source>
        <translation>
            <numerusform>%1 of %n case shown</numerusform>
            <numerusform>%1 of %n cases shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseTableModel</name>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
</context>
<context>
    <name>GridDesk::Cli</name>
    <message>
        <source>Usage:
  griddesk-cli import-grids WORKSPACE FILE --level LEVEL [--layer L] [--code-field F]
      [--name-field F] [--parent-field F] [--source-crs CRS|gcj02] [--encoding ENC]
      [--repair-invalid]
  griddesk-cli import-cases WORKSPACE FILE [--profile auto|nyc311|la311]
  griddesk-cli grids WORKSPACE [--level LEVEL] --json
  griddesk-cli cases WORKSPACE [--grid CODE] --json
  griddesk-cli render WORKSPACE OUT.png [--size WxH] [--bbox W,S,E,N]

The workspace (a GeoPackage file) is created when it does not exist.
Levels: %1.
</source>
        <translation>Usage:
  griddesk-cli import-grids WORKSPACE FILE --level LEVEL [--layer L] [--code-field F]
      [--name-field F] [--parent-field F] [--source-crs CRS|gcj02] [--encoding ENC]
      [--repair-invalid]
  griddesk-cli import-cases WORKSPACE FILE [--profile auto|nyc311|la311]
  griddesk-cli grids WORKSPACE [--level LEVEL] --json
  griddesk-cli cases WORKSPACE [--grid CODE] --json
  griddesk-cli render WORKSPACE OUT.png [--size WxH] [--bbox W,S,E,N]

The workspace (a GeoPackage file) is created when it does not exist.
Levels: %1.
</translation>
    </message>
    <message>
        <source>griddesk-cli: %1</source>
        <translation>griddesk-cli: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>  encoding: %1</source>
        <translation>  encoding: %1</translation>
    </message>
    <message>
        <source>import-grids needs a WORKSPACE and a FILE.</source>
        <translation>import-grids needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>import-grids needs --level (%1).</source>
        <translation>import-grids needs --level (%1).</translation>
    </message>
    <message>
        <source>unknown level &quot;%1&quot;; use one of %2.</source>
        <translation>unknown level &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>import-cases needs a WORKSPACE and a FILE.</source>
        <translation>import-cases needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>grids needs a WORKSPACE.</source>
        <translation>grids needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>grids prints JSON only; add --json.</source>
        <translation>grids prints JSON only; add --json.</translation>
    </message>
    <message>
        <source>cases needs a WORKSPACE.</source>
        <translation>cases needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>cases prints JSON only; add --json.</source>
        <translation>cases prints JSON only; add --json.</translation>
    </message>
    <message>
        <source>the workspace has no grid %1.</source>
        <translation>the workspace has no grid %1.</translation>
    </message>
    <message>
        <source>render needs a WORKSPACE and an OUT.png.</source>
        <translation>render needs a WORKSPACE and an OUT.png.</translation>
    </message>
    <message>
        <source>--size must be WIDTHxHEIGHT, 16 to 16384 pixels each, for example 1600x1200.</source>
        <translation>--size must be WIDTHxHEIGHT, 16 to 16384 pixels each, for example 1600x1200.</translation>
    </message>
    <message>
        <source>--bbox must be WEST,SOUTH,EAST,NORTH in degrees with west &lt; east and south &lt; north.</source>
        <translation>--bbox must be WEST,SOUTH,EAST,NORTH in degrees with west &lt; east and south &lt; north.</translation>
    </message>
    <message>
        <source>the workspace has nothing to draw; import grids first.</source>
        <translation>the workspace has nothing to draw; import grids first.</translation>
    </message>
    <message>
        <source>the image could not be written to %1.</source>
        <translation>the image could not be written to %1.</translation>
    </message>
    <message>
        <source>%1: %2x%3 pixels, extent %4,%5,%6,%7</source>
        <translation>%1: %2x%3 pixels, extent %4,%5,%6,%7</translation>
    </message>
    <message>
        <source>Grid level.</source>
        <translation>Grid level.</translation>
    </message>
    <message>
        <source>Layer to read.</source>
        <translation>Layer to read.</translation>
    </message>
    <message>
        <source>Field holding grid codes.</source>
        <translation>Field holding grid codes.</translation>
    </message>
    <message>
        <source>Field holding grid names.</source>
        <translation>Field holding grid names.</translation>
    </message>
    <message>
        <source>Field holding parent codes.</source>
        <translation>Field holding parent codes.</translation>
    </message>
    <message>
        <source>CRS of the file, or gcj02.</source>
        <translation>CRS of the file, or gcj02.</translation>
    </message>
    <message>
        <source>Text encoding of the attributes.</source>
        <translation>Text encoding of the attributes.</translation>
    </message>
    <message>
        <source>Case import profile.</source>
        <translation>Case import profile.</translation>
    </message>
    <message>
        <source>Only cases in this grid and below.</source>
        <translation>Only cases in this grid and below.</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>Print JSON.</translation>
    </message>
    <message>
        <source>Mend invalid polygons instead of failing.</source>
        <translation>Mend invalid polygons instead of failing.</translation>
    </message>
    <message>
        <source>Image size.</source>
        <translation>Image size.</translation>
    </message>
    <message>
        <source>Extent to draw.</source>
        <translation>Extent to draw.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;.</source>
        <translation>unknown command &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>GridDesk::CoordinateTransformer</name>
    <message>
        <source>The coordinate system &quot;%1&quot; is not known to PROJ (%2).</source>
        <translation>The coordinate system &quot;%1&quot; is not known to PROJ (%2).</translation>
    </message>
    <message>
        <source>No transformation from &quot;%1&quot; to WGS84 is known.</source>
        <translation>No transformation from &quot;%1&quot; to WGS84 is known.</translation>
    </message>
    <message>
        <source>The transformation from &quot;%1&quot; could not be set up.</source>
        <translation>The transformation from &quot;%1&quot; could not be set up.</translation>
    </message>
</context>
<context>
    <name>GridDesk::GeoPackageBlob</name>
    <message>
        <source>The stored geometry is not a GeoPackage geometry.</source>
        <translation>The stored geometry is not a GeoPackage geometry.</translation>
    </message>
    <message>
        <source>The stored geometry has an unknown envelope kind %1.</source>
        <translation>The stored geometry has an unknown envelope kind %1.</translation>
    </message>
    <message>
        <source>The stored geometry is truncated.</source>
        <translation>The stored geometry is truncated.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Geos</name>
    <message>
        <source>The geometry could not be read: %1</source>
        <translation>The geometry could not be read: %1</translation>
    </message>
    <message>
        <source>%1 at %2, %3</source>
        <translation>%1 at %2, %3</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>invalid geometry</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridImporter</name>
    <message>
        <source>%1 has no field &quot;%2&quot; (given with %3); its fields are: %4.</source>
        <translation>%1 has no field &quot;%2&quot; (given with %3); its fields are: %4.</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1, feature %2</translation>
    </message>
    <message>
        <source>%1: the code field &quot;%2&quot; is empty.</source>
        <translation>%1: the code field &quot;%2&quot; is empty.</translation>
    </message>
    <message>
        <source>%1: the code %2 is already used by feature %3.</source>
        <translation>%1: the code %2 is already used by feature %3.</translation>
    </message>
    <message>
        <source>%1: the geometry is a %2; grids must be polygons.</source>
        <translation>%1: the geometry is a %2; grids must be polygons.</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>no code</translation>
    </message>
    <message>
        <source>%1 (%2): invalid polygon: %3.</source>
        <translation>%1 (%2): invalid polygon: %3.</translation>
    </message>
    <message>
        <source>%1 (%2): repaired %3.</source>
        <translation>%1 (%2): repaired %3.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more problem(s).</source>
        <translation>
            <numerusform>… and %n more problem.</numerusform>
            <numerusform>… and %n more problems.</numerusform>
        </translation>
    </message>
    <message>
        <source>
Invalid polygons can be mended on import with --repair-invalid.</source>
        <translation>
Invalid polygons can be mended on import with --repair-invalid.</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) of %1 cannot be imported, so nothing was imported:
%2</source>
        <translation>
            <numerusform>%n feature of %1 cannot be imported, so nothing was imported:
%2</numerusform>
            <numerusform>%n features of %1 cannot be imported, so nothing was imported:
%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is neither in the workspace nor in the file; import the parent level first.</source>
        <translation>%1, feature %2: the parent grid %3 is neither in the workspace nor in the file; import the parent level first.</translation>
    </message>
    <message>
        <source>%1, feature %2: the code %3 already belongs to a %4 grid in the workspace; codes must be unique across levels.</source>
        <translation>%1, feature %2: the code %3 already belongs to a %4 grid in the workspace; codes must be unique across levels.</translation>
    </message>
    <message>
        <source>%1, feature %2: the grid %3 names itself as its parent.</source>
        <translation>%1, feature %2: the grid %3 names itself as its parent.</translation>
    </message>
    <message numerus="yes">
        <source>%n parent(s) found by containment.</source>
        <translation>
            <numerusform>%n parent found by containment.</numerusform>
            <numerusform>%n parents found by containment.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) assigned to a new grid.</source>
        <translation>
            <numerusform>%n case assigned to a new grid.</numerusform>
            <numerusform>%n cases assigned to a new grid.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a parent of a coarser level.</source>
        <translation>%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a parent of a coarser level.</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridLocator</name>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::ImportSummary</name>
    <message>
        <source>read %1, imported %2, located %3, unlocated %4, flagged %5</source>
        <translation>read %1, imported %2, located %3, unlocated %4, flagged %5</translation>
    </message>
</context>
<context>
    <name>GridDesk::MainWindow</name>
    <message>
        <source>Case queue</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Open workspace…</translation>
    </message>
    <message>
        <source>&amp;New workspace from sample</source>
        <translation>&amp;New workspace from sample</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>Zoom to &amp;full extent</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>Zoom to &amp;selection</translation>
    </message>
    <message>
        <source>&amp;Go to grid…</source>
        <translation>&amp;Go to grid…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About GridDesk</source>
        <translation>&amp;About GridDesk</translation>
    </message>
    <message>
        <source>Go to grid</source>
        <translation>Go to grid</translation>
    </message>
    <message>
        <source>Grid code or name:</source>
        <translation>Grid code or name:</translation>
    </message>
    <message>
        <source>No grid has the code or name &quot;%1&quot;.</source>
        <translation>No grid has the code or name &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No samples found in %1</source>
        <translation>No samples found in %1</translation>
    </message>
    <message>
        <source>Another workspace is still loading.</source>
        <translation>Another workspace is still loading.</translation>
    </message>
    <message>
        <source>Creating workspace %1 from the bundled sample…</source>
        <translation>Creating workspace %1 from the bundled sample…</translation>
    </message>
    <message>
        <source>Opening workspace %1…</source>
        <translation>Opening workspace %1…</translation>
    </message>
    <message>
        <source>%1 — GridDesk</source>
        <extracomment>%1 is the workspace title, e.g. &quot;New York City&quot;</extracomment>
        <translation>%1 — GridDesk</translation>
    </message>
    <message>
        <source>%1 grids · %2 cases · %3 with a location</source>
        <translation>%1 grids · %2 cases · %3 with a location</translation>
    </message>
    <message>
        <source>Sample imported: %1 grids, %2 cases (%3 in a grid, %4 without one, %5 flagged for review).</source>
        <extracomment>%1 grids, %2 cases, %3 cases in a grid, %4 without one, %5 flagged</extracomment>
        <translation>Sample imported: %1 grids, %2 cases (%3 in a grid, %4 without one, %5 flagged for review).</translation>
    </message>
    <message>
        <source>Workspace not opened</source>
        <translation>Workspace not opened</translation>
    </message>
    <message>
        <source>The workspace could not be opened.</source>
        <translation>The workspace could not be opened.</translation>
    </message>
    <message>
        <source>This case has no location on the map.</source>
        <translation>This case has no location on the map.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a grid name, %2 its code</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Open workspace</translation>
    </message>
    <message>
        <source>GridDesk workspaces (*.gpkg)</source>
        <translation>GridDesk workspaces (*.gpkg)</translation>
    </message>
    <message>
        <source>New workspace from sample</source>
        <translation>New workspace from sample</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>New workspace</translation>
    </message>
    <message>
        <source>%1 is open now; choose another file.</source>
        <translation>%1 is open now; choose another file.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;Workstation for city grid governance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;Workstation for city grid governance.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About GridDesk</source>
        <translation>About GridDesk</translation>
    </message>
</context>
<context>
    <name>GridDesk::MapCanvas</name>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>Longitude and latitude of the mouse cursor, in degrees</extracomment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::MapScene</name>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::Samples</name>
    <message>
        <source>There is no sample &quot;%1&quot; in %2.</source>
        <translation>There is no sample &quot;%1&quot; in %2.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 is not valid JSON: %2</translation>
    </message>
    <message>
        <source>%1: unknown grid level; use one of %2.</source>
        <translation>%1: unknown grid level; use one of %2.</translation>
    </message>
</context>
<context>
    <name>GridDesk::SqlFunctions</name>
    <message>
        <source>The SQLite driver does not expose its connection handle.</source>
        <translation>The SQLite driver does not expose its connection handle.</translation>
    </message>
    <message>
        <source>The SQL function %1 could not be registered: %2</source>
        <translation>The SQL function %1 could not be registered: %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::TextEncoding</name>
    <message>
        <source>The text is not valid UTF-8.</source>
        <translation>The text is not valid UTF-8.</translation>
    </message>
    <message>
        <source>The encoding %1 is not available on this system.</source>
        <translation>The encoding %1 is not available on this system.</translation>
    </message>
    <message>
        <source>The text is not valid %1 (byte %2).</source>
        <translation>The text is not valid %1 (byte %2).</translation>
    </message>
</context>
<context>
    <name>GridDesk::VectorFile</name>
    <message>
        <source>%1: the companion file %2.%3 is missing; a shapefile needs its .shp, .shx and .dbf side by side.</source>
        <translation>%1: the companion file %2.%3 is missing; a shapefile needs its .shp, .shx and .dbf side by side.</translation>
    </message>
    <message>
        <source>The .cpg file names an encoding GridDesk does not know (&quot;%1&quot;); the encoding was detected instead.</source>
        <translation>The .cpg file names an encoding GridDesk does not know (&quot;%1&quot;); the encoding was detected instead.</translation>
    </message>
    <message>
        <source>no details from GDAL</source>
        <translation>no details from GDAL</translation>
    </message>
    <message>
        <source>%1 has no .prj file, so its coordinate system is unknown. Give it with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).</source>
        <translation>%1 has no .prj file, so its coordinate system is unknown. Give it with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).</translation>
    </message>
    <message>
        <source>%1 declares no coordinate system; WGS84 longitude/latitude was assumed.</source>
        <translation>%1 declares no coordinate system; WGS84 longitude/latitude was assumed.</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1, feature %2</translation>
    </message>
    <message>
        <source>check the coordinate system given for the file</source>
        <translation>check the coordinate system given for the file</translation>
    </message>
    <message>
        <source>the coordinates look projected; give the file&apos;s coordinate system with --source-crs</source>
        <translation>the coordinates look projected; give the file&apos;s coordinate system with --source-crs</translation>
    </message>
    <message>
        <source>%1, feature %2: coordinates %3, %4 are not longitude/latitude after conversion (%5).</source>
        <translation>%1, feature %2: coordinates %3, %4 are not longitude/latitude after conversion (%5).</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not supported; use UTF-8, GBK, Big5, ISO-8859-1 or windows-1252.</source>
        <translation>The encoding &quot;%1&quot; is not supported; use UTF-8, GBK, Big5, ISO-8859-1 or windows-1252.</translation>
    </message>
    <message>
        <source>%1: the text encoding of the attributes could not be recognised as UTF-8, GBK or Big5; give it with --encoding.</source>
        <translation>%1: the text encoding of the attributes could not be recognised as UTF-8, GBK or Big5; give it with --encoding.</translation>
    </message>
    <message>
        <source>%1 declares no text encoding; %2 was detected.</source>
        <translation>%1 declares no text encoding; %2 was detected.</translation>
    </message>
    <message>
        <source>%1, feature %2, field %3</source>
        <translation>%1, feature %2, field %3</translation>
    </message>
    <message>
        <source>%1 could not be opened as a vector file: %2</source>
        <translation>%1 could not be opened as a vector file: %2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are: %3.</source>
        <translation>%1 has no layer &quot;%2&quot;; its layers are: %3.</translation>
    </message>
    <message>
        <source>%1, feature %2 could not be read: %3</source>
        <translation>%1, feature %2 could not be read: %3</translation>
    </message>
    <message>
        <source>%1, feature %2 has no geometry.</source>
        <translation>%1, feature %2 has no geometry.</translation>
    </message>
    <message>
        <source>The .prj file of %1 does not describe a coordinate system GDAL can read. Give the coordinate system with --source-crs.</source>
        <translation>The .prj file of %1 does not describe a coordinate system GDAL can read. Give the coordinate system with --source-crs.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Wkb</name>
    <message>
        <source>The geometry is not valid WKB (it ends early or is malformed at byte %1).</source>
        <translation>The geometry is not valid WKB (it ends early or is malformed at byte %1).</translation>
    </message>
    <message>
        <source>A coordinate could not be transformed to WGS84.</source>
        <translation>A coordinate could not be transformed to WGS84.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Workspace</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>Opening the workspace %1</source>
        <translation>Opening the workspace %1</translation>
    </message>
    <message>
        <source>this is not a GridDesk workspace: the file is not an SQLite or GeoPackage database (%1).</source>
        <translation>this is not a GridDesk workspace: the file is not an SQLite or GeoPackage database (%1).</translation>
    </message>
    <message>
        <source>this GeoPackage was not made by GridDesk; import its layers into a workspace with import-grids instead of opening it.</source>
        <translation>this GeoPackage was not made by GridDesk; import its layers into a workspace with import-grids instead of opening it.</translation>
    </message>
    <message>
        <source>this SQLite database is not a GridDesk workspace.</source>
        <translation>this SQLite database is not a GridDesk workspace.</translation>
    </message>
    <message>
        <source>Creating the schema table</source>
        <translation>Creating the schema table</translation>
    </message>
    <message>
        <source>the workspace has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</source>
        <translation>the workspace has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</translation>
    </message>
    <message>
        <source>Migration %1</source>
        <translation>Migration %1</translation>
    </message>
    <message>
        <source>Recording migration %1</source>
        <translation>Recording migration %1</translation>
    </message>
    <message>
        <source>Starting a transaction</source>
        <translation>Starting a transaction</translation>
    </message>
    <message>
        <source>Committing</source>
        <translation>Committing</translation>
    </message>
    <message>
        <source>Reading grids</source>
        <translation>Reading grids</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>Counting grids</source>
        <translation>Counting grids</translation>
    </message>
    <message>
        <source>Saving grid %1</source>
        <translation>Saving grid %1</translation>
    </message>
    <message>
        <source>Updating the extent of %1</source>
        <translation>Updating the extent of %1</translation>
    </message>
    <message>
        <source>Reading cases</source>
        <translation>Reading cases</translation>
    </message>
    <message>
        <source>Counting cases</source>
        <translation>Counting cases</translation>
    </message>
    <message>
        <source>Saving case %1</source>
        <translation>Saving case %1</translation>
    </message>
    <message>
        <source>Updating the grid of case %1</source>
        <translation>Updating the grid of case %1</translation>
    </message>
    <message>
        <source>Saving the setting %1</source>
        <translation>Saving the setting %1</translation>
    </message>
    <message>
        <source>Recording the import of %1</source>
        <translation>Recording the import of %1</translation>
    </message>
    <message>
        <source>the workspace or its folder is read-only; GridDesk needs to write the file and its journal next to it.</source>
        <translation>the workspace or its folder is read-only; GridDesk needs to write the file and its journal next to it.</translation>
    </message>
    <message>
        <source>%1 is being written by another program; nothing was changed. Try again when it has finished.</source>
        <translation>%1 is being written by another program; nothing was changed. Try again when it has finished.</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkspaceLoader</name>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>The folder of %1 cannot be created.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workstation for city grid governance.</source>
        <translation>Workstation for city grid governance.</translation>
    </message>
    <message>
        <source>The workspace (GeoPackage) to open or create.</source>
        <translation>The workspace (GeoPackage) to open or create.</translation>
    </message>
    <message>
        <source>Sample imported into a new workspace (nyc, taipei).</source>
        <translation>Sample imported into a new workspace (nyc, taipei).</translation>
    </message>
</context>
</TS>
