// tests/workbench/check.js - appended by browser.sh to a copy of a page of
// `factx html` (the page itself carries no test code): counts what the
// browser drew and writes it into <pre id="fx-check">, which --dump-dom
// shows. Lines: "TYPE MARKS COLOUR" per type of the legend, then "rows N",
// "missed N", "spurious N".
(function () {
    var o = [];
    var types = [].map.call(document.querySelectorAll('.legend [data-type]'), function (e) {
        return e.getAttribute('data-type');
    });
    types.forEach(function (k) {
        var m = document.querySelectorAll('.col-sys mark.fx-' + k);
        var c = m.length ? getComputedStyle(m[0]).backgroundColor : 'none';
        o.push(k + ' ' + m.length + ' ' + c.replace(/ /g, ''));
    });
    o.push('rows ' + document.querySelectorAll('table.facts tbody tr').length);
    o.push('missed ' + document.querySelectorAll('.col-gold mark.missed').length);
    o.push('spurious ' + document.querySelectorAll('.col-sys mark.spurious').length);
    // the type as a label after each span, not only a colour
    types.forEach(function (k) {
        var m = document.querySelector('.col-sys mark.fx-' + k);
        o.push('label ' + k + ' ' + (m ? getComputedStyle(m, '::after').content.replace(/"/g, '') : 'none'));
    });
    // a readable tooltip; a city's links to GeoNames
    var city = document.querySelector('.col-sys mark.fx-city .tip');
    o.push('tip-city ' + (city ? city.textContent.replace(/\s+/g, ' ') : 'none'));
    o.push('geonames ' + document.querySelectorAll('.col-sys mark.fx-city .tip a[href^="https://www.geonames.org/"]').length);
    // a legend button hides its type, and shows it again
    types.forEach(function (k) {
        var b = document.querySelector('.legend button[data-type="' + k + '"]');
        var m = document.querySelector('.col-sys mark.fx-' + k);
        if (!b || !m) return;
        b.click();
        var rows = [].filter.call(document.querySelectorAll('table.facts tr.fx-' + k), function (r) {
            return r.offsetParent !== null;
        }).length;
        o.push('hidden ' + k + ' ' + getComputedStyle(m).backgroundColor.replace(/ /g, '') + ' ' +
               getComputedStyle(m, '::after').content + ' rows ' + rows + ' pressed ' + b.getAttribute('aria-pressed'));
        b.click();
        o.push('shown ' + k + ' ' + getComputedStyle(m).backgroundColor.replace(/ /g, ''));
    });
    // the search box keeps the documents whose text holds the words
    var box = document.getElementById('fx-search');
    if (box) {
        ['Copenhagen', 'zzzz-nowhere', ''].forEach(function (q) {
            box.value = q;
            box.dispatchEvent(new Event('input'));
            var shown = [].filter.call(document.querySelectorAll('section.doc'), function (d) { return !d.hidden; });
            o.push('search ' + (q || '(empty)') + ' ' + shown.length);
        });
    }
    var pre = document.createElement('pre');
    pre.id = 'fx-check';
    pre.textContent = o.join('\n');
    document.body.appendChild(pre);
})();
