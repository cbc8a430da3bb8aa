<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GridDesk::CaseImporter</name>
    <message>
        <source>There is no case profile &quot;%1&quot;; use auto, nyc311 or la311.</source>
        <translation>没有名为“%1”的案件导入配置；请使用 auto、nyc311 或 la311。</translation>
    </message>
    <message>
        <source>%1 does not look like a known hotline export (nyc311 or la311): its columns are %2.</source>
        <translation>%1 不像已知的热线导出文件（nyc311 或 la311）：其列为 %2。</translation>
    </message>
    <message>
        <source>%1 has no column &quot;%2&quot;, which the %3 profile needs.</source>
        <translation>%1 缺少 %3 配置所需的列“%2”。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) had coordinates outside longitude/latitude and were kept without a location.</source>
        <translation>
            <numerusform>%n 行的坐标超出经纬度范围，已保留但不带位置。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) repeat an id met earlier in the file (first: %1); the later row was kept.</source>
        <translation>
            <numerusform>%n 行的编号与文件中前面的行重复（第一个：%1）；保留了后出现的行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseQueueWidget</name>
    <message>
        <source>Filter cases (id, category, status, grid, agency…)</source>
        <translation>筛选案件（编号、类别、状态、网格、部门…）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show the cases of every grid again</source>
        <translation>重新显示所有网格的案件</translation>
    </message>
    <message>
        <source>Filtered by grid %1</source>
        <extracomment>%1 is the name and code of a grid chosen on the map</extracomment>
        <translation>按网格 %1 筛选</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s) shown</source>
        <translation>
            <numerusform>显示 %1 / %n 件案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseTableModel</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>立案时间</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
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
        <translation>用法：
  griddesk-cli import-grids 工作区 文件 --level 层级 [--layer 图层] [--code-field 字段]
      [--name-field 字段] [--parent-field 字段] [--source-crs 坐标系|gcj02] [--encoding 编码]
      [--repair-invalid]
  griddesk-cli import-cases 工作区 文件 [--profile auto|nyc311|la311]
  griddesk-cli grids 工作区 [--level 层级] --json
  griddesk-cli cases 工作区 [--grid 编码] --json
  griddesk-cli render 工作区 输出.png [--size 宽x高] [--bbox 西,南,东,北]

工作区（GeoPackage 文件）不存在时会自动创建。
层级：%1。
</translation>
    </message>
    <message>
        <source>griddesk-cli: %1</source>
        <translation>griddesk-cli：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>  encoding: %1</source>
        <translation>  编码：%1</translation>
    </message>
    <message>
        <source>import-grids needs a WORKSPACE and a FILE.</source>
        <translation>import-grids 需要指定工作区（WORKSPACE）和文件（FILE）。</translation>
    </message>
    <message>
        <source>import-grids needs --level (%1).</source>
        <translation>import-grids 需要 --level（%1）。</translation>
    </message>
    <message>
        <source>unknown level &quot;%1&quot;; use one of %2.</source>
        <translation>未知层级“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>import-cases needs a WORKSPACE and a FILE.</source>
        <translation>import-cases 需要指定工作区（WORKSPACE）和文件（FILE）。</translation>
    </message>
    <message>
        <source>grids needs a WORKSPACE.</source>
        <translation>grids 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>grids prints JSON only; add --json.</source>
        <translation>grids 只输出 JSON；请加上 --json。</translation>
    </message>
    <message>
        <source>cases needs a WORKSPACE.</source>
        <translation>cases 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>cases prints JSON only; add --json.</source>
        <translation>cases 只输出 JSON；请加上 --json。</translation>
    </message>
    <message>
        <source>the workspace has no grid %1.</source>
        <translation>工作区中没有网格 %1。</translation>
    </message>
    <message>
        <source>render needs a WORKSPACE and an OUT.png.</source>
        <translation>render 需要指定工作区（WORKSPACE）和输出图片（OUT.png）。</translation>
    </message>
    <message>
        <source>--size must be WIDTHxHEIGHT, 16 to 16384 pixels each, for example 1600x1200.</source>
        <translation>--size 须为 宽x高，每边 16 到 16384 像素，例如 1600x1200。</translation>
    </message>
    <message>
        <source>--bbox must be WEST,SOUTH,EAST,NORTH in degrees with west &lt; east and south &lt; north.</source>
        <translation>--bbox 须为 西,南,东,北（单位为度），且西 &lt; 东、南 &lt; 北。</translation>
    </message>
    <message>
        <source>the workspace has nothing to draw; import grids first.</source>
        <translation>工作区中没有可绘制的内容；请先导入网格。</translation>
    </message>
    <message>
        <source>the image could not be written to %1.</source>
        <translation>无法将图片写入 %1。</translation>
    </message>
    <message>
        <source>%1: %2x%3 pixels, extent %4,%5,%6,%7</source>
        <translation>%1：%2x%3 像素，范围 %4,%5,%6,%7</translation>
    </message>
    <message>
        <source>Grid level.</source>
        <translation>网格层级。</translation>
    </message>
    <message>
        <source>Layer to read.</source>
        <translation>要读取的图层。</translation>
    </message>
    <message>
        <source>Field holding grid codes.</source>
        <translation>存放网格编码的字段。</translation>
    </message>
    <message>
        <source>Field holding grid names.</source>
        <translation>存放网格名称的字段。</translation>
    </message>
    <message>
        <source>Field holding parent codes.</source>
        <translation>存放上级网格编码的字段。</translation>
    </message>
    <message>
        <source>CRS of the file, or gcj02.</source>
        <translation>文件的坐标系，或 gcj02。</translation>
    </message>
    <message>
        <source>Text encoding of the attributes.</source>
        <translation>属性文字的编码。</translation>
    </message>
    <message>
        <source>Case import profile.</source>
        <translation>案件导入配置。</translation>
    </message>
    <message>
        <source>Only cases in this grid and below.</source>
        <translation>只列出此网格及其下级网格的案件。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>Mend invalid polygons instead of failing.</source>
        <translation>修复无效多边形，而不是中止导入。</translation>
    </message>
    <message>
        <source>Image size.</source>
        <translation>图片尺寸。</translation>
    </message>
    <message>
        <source>Extent to draw.</source>
        <translation>绘制范围。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
</context>
<context>
    <name>GridDesk::CoordinateTransformer</name>
    <message>
        <source>The coordinate system &quot;%1&quot; is not known to PROJ (%2).</source>
        <translation>PROJ 不认识坐标系“%1”（%2）。</translation>
    </message>
    <message>
        <source>No transformation from &quot;%1&quot; to WGS84 is known.</source>
        <translation>没有从“%1”到 WGS84 的已知转换。</translation>
    </message>
    <message>
        <source>The transformation from &quot;%1&quot; could not be set up.</source>
        <translation>无法建立从“%1”出发的坐标转换。</translation>
    </message>
</context>
<context>
    <name>GridDesk::GeoPackageBlob</name>
    <message>
        <source>The stored geometry is not a GeoPackage geometry.</source>
        <translation>存储的几何不是 GeoPackage 几何。</translation>
    </message>
    <message>
        <source>The stored geometry has an unknown envelope kind %1.</source>
        <translation>存储的几何带有未知的外包框类型 %1。</translation>
    </message>
    <message>
        <source>The stored geometry is truncated.</source>
        <translation>存储的几何数据不完整。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Geos</name>
    <message>
        <source>The geometry could not be read: %1</source>
        <translation>无法读取几何：%1</translation>
    </message>
    <message>
        <source>%1 at %2, %3</source>
        <translation>%1，位于 %2, %3</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>无效几何</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridImporter</name>
    <message>
        <source>%1 has no field &quot;%2&quot; (given with %3); its fields are: %4.</source>
        <translation>%1 没有字段“%2”（由 %3 指定）；其字段为：%4。</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1，第 %2 个要素</translation>
    </message>
    <message>
        <source>%1: the code field &quot;%2&quot; is empty.</source>
        <translation>%1：编码字段“%2”为空。</translation>
    </message>
    <message>
        <source>%1: the code %2 is already used by feature %3.</source>
        <translation>%1：编码 %2 已被第 %3 个要素使用。</translation>
    </message>
    <message>
        <source>%1: the geometry is a %2; grids must be polygons.</source>
        <translation>%1：几何类型为 %2；网格必须是多边形。</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>无编码</translation>
    </message>
    <message>
        <source>%1 (%2): invalid polygon: %3.</source>
        <translation>%1（%2）：无效多边形：%3。</translation>
    </message>
    <message>
        <source>%1 (%2): repaired %3.</source>
        <translation>%1（%2）：已修复 %3。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more problem(s).</source>
        <translation>
            <numerusform>……另有 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>
Invalid polygons can be mended on import with --repair-invalid.</source>
        <translation>
导入时可用 --repair-invalid 修复无效多边形。</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) of %1 cannot be imported, so nothing was imported:
%2</source>
        <translation>
            <numerusform>%1 中有 %n 个要素无法导入，因此未导入任何内容：
%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is neither in the workspace nor in the file; import the parent level first.</source>
        <translation>%1，第 %2 个要素：上级网格 %3 既不在工作区中也不在文件中；请先导入上级层级。</translation>
    </message>
    <message>
        <source>%1, feature %2: the code %3 already belongs to a %4 grid in the workspace; codes must be unique across levels.</source>
        <translation>%1，第 %2 个要素：编码 %3 已属于工作区中的一个 %4 级网格；编码在各层级之间必须唯一。</translation>
    </message>
    <message>
        <source>%1, feature %2: the grid %3 names itself as its parent.</source>
        <translation>%1，第 %2 个要素：网格 %3 把自己列为上级网格。</translation>
    </message>
    <message numerus="yes">
        <source>%n parent(s) found by containment.</source>
        <translation>
            <numerusform>按空间包含关系找到 %n 个上级网格。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) assigned to a new grid.</source>
        <translation>
            <numerusform>%n 件案件归入了新的网格。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a parent of a coarser level.</source>
        <translation>%1，第 %2 个要素：上级网格 %3 是 %4 层级；%5 层级的网格必须以更上一级的网格为上级。</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridLocator</name>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::ImportSummary</name>
    <message>
        <source>read %1, imported %2, located %3, unlocated %4, flagged %5</source>
        <translation>读取 %1，导入 %2，已定位 %3，未定位 %4，已标记 %5</translation>
    </message>
</context>
<context>
    <name>GridDesk::MainWindow</name>
    <message>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk 网格指挥台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New workspace from sample</source>
        <translation>从示例新建工作区(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>缩放到全图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放到所选(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Go to grid…</source>
        <translation>转到网格(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About GridDesk</source>
        <translation>关于 GridDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Go to grid</source>
        <translation>转到网格</translation>
    </message>
    <message>
        <source>Grid code or name:</source>
        <translation>网格编码或名称：</translation>
    </message>
    <message>
        <source>No grid has the code or name &quot;%1&quot;.</source>
        <translation>没有编码或名称为“%1”的网格。</translation>
    </message>
    <message>
        <source>No samples found in %1</source>
        <translation>%1 中没有示例</translation>
    </message>
    <message>
        <source>Another workspace is still loading.</source>
        <translation>另一个工作区仍在加载中。</translation>
    </message>
    <message>
        <source>Creating workspace %1 from the bundled sample…</source>
        <translation>正在从内置示例创建工作区 %1…</translation>
    </message>
    <message>
        <source>Opening workspace %1…</source>
        <translation>正在打开工作区 %1…</translation>
    </message>
    <message>
        <source>%1 — GridDesk</source>
        <extracomment>%1 is the workspace title, e.g. &quot;New York City&quot;</extracomment>
        <translation>%1 — GridDesk</translation>
    </message>
    <message>
        <source>%1 grids · %2 cases · %3 with a location</source>
        <translation>%1 个网格 · %2 件案件 · %3 件有位置</translation>
    </message>
    <message>
        <source>Sample imported: %1 grids, %2 cases (%3 in a grid, %4 without one, %5 flagged for review).</source>
        <extracomment>%1 grids, %2 cases, %3 cases in a grid, %4 without one, %5 flagged</extracomment>
        <translation>示例已导入：%1 个网格，%2 件案件（%3 件落在网格内，%4 件无网格，%5 件已标记待核查）。</translation>
    </message>
    <message>
        <source>Workspace not opened</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>The workspace could not be opened.</source>
        <translation>无法打开工作区。</translation>
    </message>
    <message>
        <source>This case has no location on the map.</source>
        <translation>此案件在地图上没有位置。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a grid name, %2 its code</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>GridDesk workspaces (*.gpkg)</source>
        <translation>GridDesk 工作区 (*.gpkg)</translation>
    </message>
    <message>
        <source>New workspace from sample</source>
        <translation>从示例新建工作区</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>%1 is open now; choose another file.</source>
        <translation>%1 正在使用中；请选择其他文件。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;Workstation for city grid governance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;市域网格化治理指挥调度工作台。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About GridDesk</source>
        <translation>关于 GridDesk</translation>
    </message>
</context>
<context>
    <name>GridDesk::MapCanvas</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 千米</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
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
        <translation>网格 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::Samples</name>
    <message>
        <source>There is no sample &quot;%1&quot; in %2.</source>
        <translation>%2 中没有示例“%1”。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>%1: unknown grid level; use one of %2.</source>
        <translation>%1：未知网格层级；请使用以下之一：%2。</translation>
    </message>
</context>
<context>
    <name>GridDesk::SqlFunctions</name>
    <message>
        <source>The SQLite driver does not expose its connection handle.</source>
        <translation>SQLite 驱动未提供其连接句柄。</translation>
    </message>
    <message>
        <source>The SQL function %1 could not be registered: %2</source>
        <translation>无法注册 SQL 函数 %1：%2</translation>
    </message>
</context>
<context>
    <name>GridDesk::TextEncoding</name>
    <message>
        <source>The text is not valid UTF-8.</source>
        <translation>文字不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The encoding %1 is not available on this system.</source>
        <translation>本系统不支持编码 %1。</translation>
    </message>
    <message>
        <source>The text is not valid %1 (byte %2).</source>
        <translation>文字不是有效的 %1（第 %2 字节）。</translation>
    </message>
</context>
<context>
    <name>GridDesk::VectorFile</name>
    <message>
        <source>%1: the companion file %2.%3 is missing; a shapefile needs its .shp, .shx and .dbf side by side.</source>
        <translation>%1：缺少配套文件 %2.%3；Shapefile 需要 .shp、.shx 和 .dbf 放在同一目录。</translation>
    </message>
    <message>
        <source>The .cpg file names an encoding GridDesk does not know (&quot;%1&quot;); the encoding was detected instead.</source>
        <translation>.cpg 文件声明的编码 GridDesk 不认识（“%1”）；已改为自动识别编码。</translation>
    </message>
    <message>
        <source>no details from GDAL</source>
        <translation>GDAL 未提供详细信息</translation>
    </message>
    <message>
        <source>%1 has no .prj file, so its coordinate system is unknown. Give it with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).</source>
        <translation>%1 没有 .prj 文件，坐标系未知。请用 --source-crs 指定（例如 EPSG:4326、EPSG:4490 或 gcj02）。</translation>
    </message>
    <message>
        <source>%1 declares no coordinate system; WGS84 longitude/latitude was assumed.</source>
        <translation>%1 未声明坐标系；已按 WGS84 经纬度处理。</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1，第 %2 个要素</translation>
    </message>
    <message>
        <source>check the coordinate system given for the file</source>
        <translation>请检查为该文件指定的坐标系</translation>
    </message>
    <message>
        <source>the coordinates look projected; give the file&apos;s coordinate system with --source-crs</source>
        <translation>坐标看起来是投影坐标；请用 --source-crs 指定文件的坐标系</translation>
    </message>
    <message>
        <source>%1, feature %2: coordinates %3, %4 are not longitude/latitude after conversion (%5).</source>
        <translation>%1，第 %2 个要素：坐标 %3, %4 转换后不是经纬度（%5）。</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not supported; use UTF-8, GBK, Big5, ISO-8859-1 or windows-1252.</source>
        <translation>不支持编码“%1”；请使用 UTF-8、GBK、Big5、ISO-8859-1 或 windows-1252。</translation>
    </message>
    <message>
        <source>%1: the text encoding of the attributes could not be recognised as UTF-8, GBK or Big5; give it with --encoding.</source>
        <translation>%1：无法将属性文字识别为 UTF-8、GBK 或 Big5；请用 --encoding 指定。</translation>
    </message>
    <message>
        <source>%1 declares no text encoding; %2 was detected.</source>
        <translation>%1 未声明文字编码；识别为 %2。</translation>
    </message>
    <message>
        <source>%1, feature %2, field %3</source>
        <translation>%1，第 %2 个要素，字段 %3</translation>
    </message>
    <message>
        <source>%1 could not be opened as a vector file: %2</source>
        <translation>无法将 %1 作为矢量文件打开：%2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are: %3.</source>
        <translation>%1 没有图层“%2”；其图层为：%3。</translation>
    </message>
    <message>
        <source>%1, feature %2 could not be read: %3</source>
        <translation>%1，第 %2 个要素无法读取：%3</translation>
    </message>
    <message>
        <source>%1, feature %2 has no geometry.</source>
        <translation>%1，第 %2 个要素没有几何。</translation>
    </message>
    <message>
        <source>The .prj file of %1 does not describe a coordinate system GDAL can read. Give the coordinate system with --source-crs.</source>
        <translation>%1 的 .prj 文件不是 GDAL 能读懂的坐标系描述。请用 --source-crs 指定坐标系。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Wkb</name>
    <message>
        <source>The geometry is not valid WKB (it ends early or is malformed at byte %1).</source>
        <translation>几何不是有效的 WKB（在第 %1 字节处提前结束或格式错误）。</translation>
    </message>
    <message>
        <source>A coordinate could not be transformed to WGS84.</source>
        <translation>有坐标无法转换到 WGS84。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Workspace</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Opening the workspace %1</source>
        <translation>打开工作区 %1</translation>
    </message>
    <message>
        <source>this is not a GridDesk workspace: the file is not an SQLite or GeoPackage database (%1).</source>
        <translation>这不是 GridDesk 工作区：该文件不是 SQLite 或 GeoPackage 数据库（%1）。</translation>
    </message>
    <message>
        <source>this GeoPackage was not made by GridDesk; import its layers into a workspace with import-grids instead of opening it.</source>
        <translation>此 GeoPackage 不是由 GridDesk 创建的；请用 import-grids 将其图层导入工作区，而不要直接打开。</translation>
    </message>
    <message>
        <source>this SQLite database is not a GridDesk workspace.</source>
        <translation>此 SQLite 数据库不是 GridDesk 工作区。</translation>
    </message>
    <message>
        <source>Creating the schema table</source>
        <translation>创建结构版本表</translation>
    </message>
    <message>
        <source>the workspace has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</source>
        <translation>工作区结构版本为 %1，高于本版 GridDesk 支持的版本（%2）；请使用更新的 GridDesk。</translation>
    </message>
    <message>
        <source>Migration %1</source>
        <translation>迁移 %1</translation>
    </message>
    <message>
        <source>Recording migration %1</source>
        <translation>记录迁移 %1</translation>
    </message>
    <message>
        <source>Starting a transaction</source>
        <translation>开始事务</translation>
    </message>
    <message>
        <source>Committing</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Reading grids</source>
        <translation>读取网格</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>Counting grids</source>
        <translation>统计网格</translation>
    </message>
    <message>
        <source>Saving grid %1</source>
        <translation>保存网格 %1</translation>
    </message>
    <message>
        <source>Updating the extent of %1</source>
        <translation>更新 %1 的范围</translation>
    </message>
    <message>
        <source>Reading cases</source>
        <translation>读取案件</translation>
    </message>
    <message>
        <source>Counting cases</source>
        <translation>统计案件</translation>
    </message>
    <message>
        <source>Saving case %1</source>
        <translation>保存案件 %1</translation>
    </message>
    <message>
        <source>Updating the grid of case %1</source>
        <translation>更新案件 %1 的网格</translation>
    </message>
    <message>
        <source>Saving the setting %1</source>
        <translation>保存设置 %1</translation>
    </message>
    <message>
        <source>Recording the import of %1</source>
        <translation>记录 %1 的导入</translation>
    </message>
    <message>
        <source>the workspace or its folder is read-only; GridDesk needs to write the file and its journal next to it.</source>
        <translation>工作区文件或其所在文件夹是只读的；GridDesk 需要写入该文件及其旁边的日志文件。</translation>
    </message>
    <message>
        <source>%1 is being written by another program; nothing was changed. Try again when it has finished.</source>
        <translation>%1 正被另一个程序写入；未做任何更改。请待其完成后重试。</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkspaceLoader</name>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workstation for city grid governance.</source>
        <translation>市域网格化治理指挥调度工作台。</translation>
    </message>
    <message>
        <source>The workspace (GeoPackage) to open or create.</source>
        <translation>要打开或创建的工作区（GeoPackage）。</translation>
    </message>
    <message>
        <source>Sample imported into a new workspace (nyc, taipei).</source>
        <translation>导入到新工作区的示例（nyc、taipei）。</translation>
    </message>
</context>
</TS>
