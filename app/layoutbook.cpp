// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "layoutbook.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

namespace GridDesk {

namespace {

const auto NAMED_KEY = QStringLiteral("windowLayouts/named");
const auto SESSION_KEY = QStringLiteral("windowLayouts/session");

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::LayoutBook)
};

QJsonArray readNamed()
{
    const QByteArray text = QSettings().value(NAMED_KEY).toString().toUtf8();
    return QJsonDocument::fromJson(text).array();
}

void writeNamed(const QJsonArray &layouts)
{
    QSettings().setValue(NAMED_KEY, QString::fromUtf8(QJsonDocument(layouts).toJson()));
}

qsizetype indexOf(const QJsonArray &layouts, const QString &name)
{
    for (qsizetype i = 0; i < layouts.size(); ++i) {
        if (layouts[i].toObject().value(QStringLiteral("name")).toString() == name)
            return i;
    }
    return -1;
}

} // namespace

QStringList LayoutBook::names() const
{
    QStringList names;
    for (const QJsonValue &layout : readNamed()) {
        const QString name = layout.toObject().value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            names << name;
    }
    return names;
}

Result<DeskLayout> LayoutBook::layout(const QString &name) const
{
    const QJsonArray layouts = readNamed();
    const qsizetype index = indexOf(layouts, name);
    if (index < 0) {
        return std::unexpected(
            Error {ErrorCode::InvalidArgument, Tr::tr("No layout is saved as \"%1\".").arg(name)});
    }
    auto read = DeskLayout::fromJson(layouts[index].toObject());
    if (!read) {
        //: %1 is a layout name, %2 what is wrong in it
        return std::unexpected(Error {ErrorCode::InvalidArgument,
            Tr::tr("The layout \"%1\" cannot be read: %2").arg(name, read.error().message)});
    }
    return read;
}

void LayoutBook::store(const DeskLayout &layout)
{
    QJsonArray layouts = readNamed();
    const qsizetype index = indexOf(layouts, layout.name);
    if (index >= 0)
        layouts[index] = layout.toJson();
    else
        layouts.append(layout.toJson());
    writeNamed(layouts);
}

Result<void> LayoutBook::rename(const QString &from, const QString &to)
{
    const QString name = to.trimmed();
    if (name.isEmpty()) {
        return std::unexpected(
            Error {ErrorCode::InvalidArgument, Tr::tr("A layout needs a name.")});
    }
    QJsonArray layouts = readNamed();
    const qsizetype index = indexOf(layouts, from);
    if (index < 0) {
        return std::unexpected(
            Error {ErrorCode::InvalidArgument, Tr::tr("No layout is saved as \"%1\".").arg(from)});
    }
    if (name != from && indexOf(layouts, name) >= 0) {
        return std::unexpected(Error {ErrorCode::InvalidArgument,
            Tr::tr("A layout is already saved as \"%1\"; choose another name.").arg(name)});
    }
    QJsonObject renamed = layouts[index].toObject();
    renamed.insert(QStringLiteral("name"), name);
    layouts[index] = renamed;
    writeNamed(layouts);
    return {};
}

void LayoutBook::remove(const QString &name)
{
    QJsonArray layouts = readNamed();
    const qsizetype index = indexOf(layouts, name);
    if (index < 0)
        return;
    layouts.removeAt(index);
    writeNamed(layouts);
}

std::optional<Result<DeskLayout>> LayoutBook::session() const
{
    const QString text = QSettings().value(SESSION_KEY).toString();
    if (text.isEmpty())
        return std::nullopt;
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parsed);
    if (!document.isObject()) {
        //: %1 is the parser's message, %2 a character offset
        return Result<DeskLayout>(std::unexpected(Error {ErrorCode::InvalidArgument,
            Tr::tr("The windows of the last session cannot be read: %1 at character %2")
                .arg(parsed.errorString())
                .arg(parsed.offset)}));
    }
    return DeskLayout::fromJson(document.object());
}

void LayoutBook::storeSession(const DeskLayout &layout)
{
    QSettings().setValue(SESSION_KEY, QString::fromUtf8(QJsonDocument(layout.toJson()).toJson()));
}

} // namespace GridDesk
