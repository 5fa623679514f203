// Package models holds the clinical models that Cohort trains federatedly:
// their specification, a flat parameter vector view that the aggregation layer
// encrypts and sums, a deterministic Gorgonia training loop, and evaluation
// statistics that can be merged across sites without revealing per-record
// scores.
//
// # Models
//
// A [Spec] describes the architecture. Kind "logistic" is a logistic
// regression; kind "mlp" is a fully connected network with ReLU hidden layers
// and a single sigmoid output. Both output the probability that the label is 1
// and are trained on the mean binary cross-entropy (computed stably from the
// logit as softplus(z) − y·z).
//
// Kind "cox" is a Cox proportional-hazards model (linear, or through ReLU
// hidden layers): its output is a log-risk ([Model.RiskScores]), and
// [Model.TrainSurvival] minimises the negative log partial likelihood of
// follow-up times and event indicators, mean over events, with Breslow or
// Efron ties ([Spec.Ties]). Both tie rules are one graph, −Σᵢ dᵢ(ηᵢ − log
// (A·exp η)ᵢ), that differs only in the risk-set matrix A filled per
// batch. The likelihood of a hospital's records involves only its own risk
// sets, so hospitals train on it locally like any other loss; [Model.Fit]
// and [Model.Evaluate] pick the outcome by kind. [CIndex] is Harrell's
// concordance; [EvaluateSurvival] keeps its pair counts in an [Evaluation]
// so that sites merge them. [NewBaselineHazard] gives the Breslow
// cumulative baseline hazard and survival curves.
//
// # Recipes
//
// A [Recipe] is everything that decides what a study learns (model, local
// training, server optimizer, rounds, standardisation, evaluation,
// personalisation, privacy). Its [Recipe.Hash] over [CanonicalJSON] (RFC
// 8785) is recorded on chain, and [CheckRecipe] refuses a party whose
// recipe differs, naming the fields ([RecipeDiff]).
//
// # Flat parameters
//
// [Model.Params] returns the parameters as one []float64 in a fixed order, layer
// by layer from the input to the output: for each layer the weight matrix in
// row-major order (rows are inputs, columns are outputs), then the bias
// vector. The output layer has one unit, so a logistic model's vector is
// [w₁ … w_F, b]. [EncodeParams] and [DecodeParams] give a canonical byte form
// of such a vector.
//
// # Training
//
// [Model.Train] builds a Gorgonia expression graph with symbolic gradients,
// binds dual values, and steps a Gorgonia solver ("sgd" or "adam") over
// shuffled mini-batches. The graph is built for a fixed batch size B; a final
// partial batch of k < B records is padded with zero rows whose per-sample
// weight is 0 while the real rows weigh 1/k, so every record is used in every
// epoch and the gradient of a partial batch is exactly the mean gradient of
// its k records. Training is deterministic: the same model parameters, data,
// and TrainConfig (including Seed) give the same parameters bit for bit.
//
// # Differential privacy
//
// With [TrainConfig.Privacy] set, Train runs DP-SGD instead: Poisson-sampled
// batches, each record's gradient (from a graph built for one record)
// clipped to [PrivacyConfig.ClipNorm], Gaussian noise of standard deviation
// NoiseMultiplier·ClipNorm on the sum, from a generator keyed from
// crypto/rand. [PrivacySpent] gives the (ε, δ) guarantee of a number of such
// Train calls, from the public configuration alone (package
// models/privacy does the accounting). A [Recipe] carries the settings and
// the study's budget in its privacy section.
//
// # Evaluation
//
// [Evaluate] reduces predicted probabilities and labels to an [Evaluation]:
// counts (with the correct ones split by class), a log-loss sum and score
// histograms per class. Evaluations of different sites [Evaluation.Merge]
// into the evaluation of the union, from which accuracy, balanced accuracy,
// log-loss and (histogram) AUC are read.
//
// This package does no I/O. Gorgonia needs
// go4.org/unsafe/assume-no-moving-gc to start under recent Go releases; this
// package links it so that any binary importing models works.
package models

import (
	// Gorgonia panics at init under Go ≥ 1.22 unless this package is linked.
	_ "go4.org/unsafe/assume-no-moving-gc"
)
