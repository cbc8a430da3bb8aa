// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "translations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace GridDesk {

QLocale interfaceLocale()
{
    QString chosen = qEnvironmentVariable("GRIDDESK_LANG");
    if (chosen.isEmpty())
        chosen = QSettings().value(QLatin1String(LANGUAGE_SETTING)).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (locale.language() == QLocale::Chinese)
        return QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

bool installTranslations(const QLocale &locale)
{
    QLocale::setDefault(locale);
    auto *app = QCoreApplication::instance();

    // Qt's own strings (standard buttons, file dialogs) when the system has them.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    auto *ours = new QTranslator(app);
    if (!ours->load(
            locale, QStringLiteral("griddesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCInfo(lcDomain) << "no GridDesk translation for" << locale.name();
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    qCInfo(lcDomain) << "interface language" << locale.name();
    return true;
}

} // namespace GridDesk
