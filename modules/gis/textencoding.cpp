// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "textencoding.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QStringDecoder>

#include <cerrno>
#include <iconv.h>

namespace GridDesk::TextEncoding {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::TextEncoding)
};

QString iconvName(const QString &canonical)
{
    if (canonical == QLatin1String("GBK"))
        return QStringLiteral("GB18030");
    if (canonical == QLatin1String("Big5"))
        return QStringLiteral("BIG5-HKSCS");
    return canonical;
}

/// Characters frequent in Chinese addresses and names of places and organisations, in both
/// simplified and traditional forms. A text read in the right encoding is full of them; the
/// same bytes read in the wrong Chinese encoding are mostly rare characters and symbols.
const QSet<char32_t> &commonCharacters()
{
    static const QSet<char32_t> set = [] {
        const QString text = QStringLiteral("区區里市路街道村镇鎮乡鄉县縣号號"
                                            "段巷弄楼樓层層室栋棟单單元门門口"
                                            "小中大东東西南北新老上下前后後山"
                                            "河湖江海水田林园園花桥橋城社会會"
                                            "局所站院校学學医醫公司厂廠店场場"
                                            "馆館心服务務政府管理委员員党黨部"
                                            "队隊组組织織协協人民国國家华華安"
                                            "和平光明文化福德仁义義忠孝信永长"
                                            "長兴興昌盛富贵貴龙龍凤鳳金银銀石"
                                            "土木火天地一二三四五六七八九十百"
                                            "千第与與及的之在有为為是不了港湾"
                                            "灣台臺投士内內松萬万同正陽阳复復"
                                            "建爱愛敦基隆生权權族春京宁寧康定"
                                            "环環延重庆慶成功泉青年雙双连連圆"
                                            "圓景美栅柵溪洲州郊厦廈广廣深圳罗"
                                            "羅宝寶岗崗盐鹽坪居警察派出");
        QSet<char32_t> characters;
        for (char32_t c : text.toUcs4())
            characters.insert(c);
        return characters;
    }();
    return set;
}

/// One converter per encoding and thread, opened on first use: opening one costs far more
/// than converting a short attribute, and a shapefile has hundreds of thousands of them.
iconv_t converterFor(const QString &encoding)
{
    struct Converters
    {
        QHash<QString, iconv_t> open;
        ~Converters()
        {
            for (iconv_t converter : std::as_const(open)) {
                if (converter != iconv_t(-1))
                    iconv_close(converter);
            }
        }
    };
    thread_local Converters converters;
    const auto found = converters.open.constFind(encoding);
    if (found != converters.open.constEnd())
        return *found;
    const QByteArray name = iconvName(encoding).toLatin1();
    const iconv_t converter = iconv_open("UTF-8", name.constData());
    converters.open.insert(encoding, converter);
    return converter;
}

struct Reading
{
    QString encoding;
    int errors = 0;
    int common = 0;
};

Reading read(const QList<QByteArray> &samples, const QString &encoding)
{
    Reading reading {encoding};
    const QSet<char32_t> &common = commonCharacters();
    for (const QByteArray &sample : samples) {
        auto decoded = decode(sample, encoding);
        if (!decoded) {
            ++reading.errors;
            continue;
        }
        for (char32_t c : decoded->toUcs4()) {
            if (common.contains(c))
                ++reading.common;
        }
    }
    return reading;
}

} // namespace

std::optional<QString> canonicalName(const QString &name)
{
    static const QHash<QString, QString> names {
        {QStringLiteral("UTF8"), QStringLiteral("UTF-8")},
        {QStringLiteral("UTF-8"), QStringLiteral("UTF-8")},
        {QStringLiteral("65001"), QStringLiteral("UTF-8")},
        {QStringLiteral("GBK"), QStringLiteral("GBK")},
        {QStringLiteral("GB2312"), QStringLiteral("GBK")},
        {QStringLiteral("GB18030"), QStringLiteral("GBK")},
        {QStringLiteral("CP936"), QStringLiteral("GBK")},
        {QStringLiteral("936"), QStringLiteral("GBK")},
        {QStringLiteral("BIG5"), QStringLiteral("Big5")},
        {QStringLiteral("BIG-5"), QStringLiteral("Big5")},
        {QStringLiteral("CP950"), QStringLiteral("Big5")},
        {QStringLiteral("950"), QStringLiteral("Big5")},
        {QStringLiteral("ISO-8859-1"), QStringLiteral("ISO-8859-1")},
        {QStringLiteral("ISO8859-1"), QStringLiteral("ISO-8859-1")},
        {QStringLiteral("LATIN1"), QStringLiteral("ISO-8859-1")},
        {QStringLiteral("88591"), QStringLiteral("ISO-8859-1")},
        {QStringLiteral("1252"), QStringLiteral("windows-1252")},
        {QStringLiteral("CP1252"), QStringLiteral("windows-1252")},
        {QStringLiteral("WINDOWS-1252"), QStringLiteral("windows-1252")},
    };
    const QString key = name.trimmed().toUpper().remove(u' ').remove(u'_');
    const auto found = names.constFind(key);
    if (found == names.constEnd())
        return std::nullopt;
    return *found;
}

std::optional<QString> detect(const QList<QByteArray> &samples)
{
    const Reading utf8 = read(samples, QStringLiteral("UTF-8"));
    if (utf8.errors == 0)
        return utf8.encoding;

    const Reading gbk = read(samples, QStringLiteral("GBK"));
    const Reading big5 = read(samples, QStringLiteral("Big5"));
    if (gbk.errors > 0 && big5.errors > 0)
        return std::nullopt;
    if (gbk.errors > 0)
        return big5.encoding;
    if (big5.errors > 0)
        return gbk.encoding;
    // Both read without errors: the more natural text wins; a tie goes to GBK, the encoding
    // of mainland files.
    return big5.common > gbk.common ? big5.encoding : gbk.encoding;
}

Result<QString> decode(const QByteArray &bytes, const QString &encoding)
{
    if (encoding == QLatin1String("UTF-8")) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(bytes);
        if (decoder.hasError())
            return fail(ErrorCode::UnknownEncoding, Tr::tr("The text is not valid UTF-8."));
        return text;
    }
    if (encoding == QLatin1String("ISO-8859-1"))
        return QString::fromLatin1(bytes);

    iconv_t converter = converterFor(encoding);
    if (converter == iconv_t(-1))
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("The encoding %1 is not available on this system.").arg(encoding));

    iconv(converter, nullptr, nullptr, nullptr, nullptr); // back to the initial state
    QByteArray input = bytes;
    QByteArray output(bytes.size() * 4 + 4, Qt::Uninitialized);
    char *in = input.data();
    char *out = output.data();
    std::size_t inLeft = std::size_t(input.size());
    std::size_t outLeft = std::size_t(output.size());
    const std::size_t done = iconv(converter, &in, &inLeft, &out, &outLeft);
    if (done == std::size_t(-1) || inLeft > 0) {
        const qsizetype at = in - input.data();
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("The text is not valid %1 (byte %2).").arg(encoding).arg(at + 1));
    }
    output.truncate(out - output.data());
    return QString::fromUtf8(output);
}

} // namespace GridDesk::TextEncoding
