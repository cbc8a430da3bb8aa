// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "editorfixture.h"

#include "gridedit/gridfiledialogs.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QUndoStack>

using namespace GridDesk;
using namespace GridDesk::Test;

/// Grid files in and out of the editor: the export a supervisor takes to QGIS and the file
/// brought back into the draft.
class TestGridFiles : public QObject, private EditorFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareWorkspace(); }
    void init() { openEditor(); }
    void cleanup() { closeEditor(); }

    void exportedFileComesBackAsNoEdit()
    {
        const QString file = m_dir.filePath(QStringLiteral("villages.gpkg"));
        GridExportOptions options;
        options.crs = QStringLiteral("EPSG:4490");
        auto written = m_editor->exportTo(file, GridLevel::Base, options);
        QVERIFY2(written, why(written));
        QCOMPARE(written->count, 43);
        QCOMPARE(written->crsCode, QStringLiteral("EPSG:4490"));

        const int edits = session()->undoStack()->count();
        QVERIFY(m_editor->importFile(file, readBack(GridLevel::Base)));
        QCOMPARE(session()->undoStack()->count(), edits);
        QVERIFY(!session()->hasDraftEdits());
    }

    void changedFileIsOneEditThatUndoes()
    {
        const QString code = QStringLiteral("6300800004");
        const QString before = session()->grid(code)->name;
        const QString file = m_dir.filePath(QStringLiteral("renamed.geojson"));
        QVERIFY(m_editor->exportTo(file, GridLevel::Base, {}));
        QFile json(file);
        QVERIFY(json.open(QIODevice::ReadOnly));
        QByteArray text = json.readAll();
        json.close();
        const QByteArray from = "\"name\": \"" + before.toUtf8() + '"';
        QVERIFY2(text.contains(from), from.constData());
        text.replace(from, "\"name\": \"" + before.toUtf8() + "（新）\"");
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write(text);
        json.close();

        const int edits = session()->undoStack()->count();
        QVERIFY(m_editor->importFile(file, readBack(GridLevel::Base)));
        QCOMPARE(session()->undoStack()->count(), edits + 1);
        QCOMPARE(session()->grid(code)->name, before + QStringLiteral("（新）"));
        QCOMPARE(session()->draftCodes(), QStringList {code});

        m_editor->undoAction()->trigger();
        QCOMPARE(session()->grid(code)->name, before);
        QVERIFY(!session()->hasDraftEdits());
    }

    void unreadableFileChangesNothing()
    {
        const QString file = m_dir.filePath(QStringLiteral("broken.geojson"));
        QFile broken(file);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"type\": \"FeatureCollection\", \"features\": [");
        broken.close();
        QSignalSpy messages(m_editor, &GridEditor::message);
        QVERIFY(!m_editor->importFile(file, readBack(GridLevel::Base)));
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().first().toString().contains(QLatin1String("broken.geojson")),
            qPrintable(messages.first().first().toString()));
        QVERIFY(!session()->hasDraftEdits());
    }

    void exportDialogOffersWhatTheFormatTakes()
    {
        ExportGridsDialog dialog;
        QPushButton *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        auto *encoding = dialog.findChildren<QComboBox *>().at(2);
        dialog.setPath(QStringLiteral("/tmp/grids.txt"));
        QVERIFY(!save->isEnabled());
        dialog.setPath(QStringLiteral("/tmp/grids.shp"));
        QVERIFY(save->isEnabled());
        QVERIFY(encoding->isEnabled());
        dialog.setPath(QStringLiteral("/tmp/grids.gpkg"));
        QVERIFY(!encoding->isEnabled());

        auto *crs = dialog.findChildren<QComboBox *>().at(1);
        crs->setCurrentIndex(1);
        QCOMPARE(dialog.options().crs, QStringLiteral("EPSG:4490"));
        crs->setEditText(QStringLiteral("EPSG:32650"));
        QCOMPARE(dialog.options().crs, QStringLiteral("EPSG:32650"));
    }

    void importDialogPicksTheFieldsOfTheFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("fields.gpkg"));
        QVERIFY(m_editor->exportTo(file, GridLevel::Base, {}));
        ImportGridsDialog dialog;
        QVERIFY(dialog.setPath(file));
        const GridImportOptions options = dialog.options();
        QCOMPARE(options.codeField, QStringLiteral("code"));
        QCOMPARE(options.nameField, QStringLiteral("name"));
        QCOMPARE(options.parentField, QStringLiteral("parent"));
        QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        QVERIFY(open->isEnabled());
        QVERIFY(!dialog.setPath(m_dir.filePath(QStringLiteral("missing.gpkg"))));
        QVERIFY(!open->isEnabled());
    }

private:
    static GridImportOptions readBack(GridLevel level)
    {
        GridImportOptions options;
        options.level = level;
        options.codeField = QStringLiteral("code");
        options.nameField = QStringLiteral("name");
        options.parentField = QStringLiteral("parent");
        return options;
    }
};

GRIDDESK_TEST_MAIN(TestGridFiles, QApplication)

#include "tst_gridfiles.moc"
