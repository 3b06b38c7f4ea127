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
    var pre = document.createElement('pre');
    pre.id = 'fx-check';
    pre.textContent = o.join('\n');
    document.body.appendChild(pre);
})();
