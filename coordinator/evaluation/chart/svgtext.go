package chart

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// SVGTexts parses an SVG figure as XML and returns the text of its <text>
// elements: the titles, axis labels, ticks and legend entries. It fails on
// a document that is not well-formed XML or has no <svg> root.
func SVGTexts(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	var texts []string
	var inText, sawSVG bool
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			sawSVG = sawSVG || tok.Name.Local == "svg"
			inText = tok.Name.Local == "text"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				texts = append(texts, strings.TrimSpace(string(tok)))
			}
		}
	}
	if !sawSVG {
		return nil, errors.New("chart: no <svg> root element")
	}
	return texts, nil
}
